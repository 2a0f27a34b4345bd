using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace OrleansHall.Web.Auth;

/// <summary>
/// The demo users configured under <c>OrleansHall:Users</c>. Validated once at start-up so a typo in a role
/// fails loudly instead of locking someone out.
/// </summary>
public sealed class ConsoleUserDirectory
{
    public const string Section = "OrleansHall:Users";

    private readonly Dictionary<string, (ConsoleUserSettings User, ConsoleRole Role)> _users;

    public ConsoleUserDirectory(IConfiguration configuration)
    {
        _users = new(StringComparer.OrdinalIgnoreCase);
        var entries = configuration.GetSection(Section).GetChildren().ToList();
        foreach (var entry in entries)
        {
            var user = entry.Get<ConsoleUserSettings>() ?? new ConsoleUserSettings();
            var path = $"{Section}:{entry.Key}";
            if (string.IsNullOrWhiteSpace(user.Name))
            {
                throw new InvalidOperationException($"{path}:Name is empty; expected a user name.");
            }

            if (string.IsNullOrEmpty(user.Password))
            {
                throw new InvalidOperationException($"{path}:Password for user '{user.Name}' is empty; expected a password.");
            }

            if (!Enum.TryParse<ConsoleRole>(user.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            {
                throw new InvalidOperationException(
                    $"{path}:Role '{user.Role}' for user '{user.Name}' is not a role; expected RegionalOperator, HallManager or Staff.");
            }

            if (role != ConsoleRole.RegionalOperator && string.IsNullOrWhiteSpace(user.HallId))
            {
                throw new InvalidOperationException($"{path}:HallId is empty for {role} '{user.Name}'; expected the id of their hall.");
            }

            if (!_users.TryAdd(user.Name, (user, role)))
            {
                throw new InvalidOperationException($"{path}:Name '{user.Name}' is configured twice; expected unique user names.");
            }
        }
    }

    public int Count => _users.Count;

    /// <summary>The signed-in principal, or null when the name is unknown or the password is wrong.</summary>
    public ClaimsPrincipal? Authenticate(string? name, string? password)
    {
        if (string.IsNullOrEmpty(name) || password is null || !_users.TryGetValue(name, out var entry))
        {
            return null;
        }

        // Hash both sides so the comparison takes the same time whatever the lengths.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(entry.User.Password));
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return null;
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, entry.User.Name),
            new(ClaimTypes.Role, entry.Role.ToString()),
        };
        if (!string.IsNullOrWhiteSpace(entry.User.HallId))
        {
            claims.Add(new Claim(ConsoleClaims.HallId, entry.User.HallId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
