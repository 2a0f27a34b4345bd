using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace OrleansHall.Web.Auth;

/// <summary>
/// The users configured under <c>OrleansHall:Users</c> (settings, or the JSON file `hallctl users add` writes), each with
/// a password hash. Validated once at start-up so a typo in a role fails loudly instead of locking someone out.
/// </summary>
public sealed class ConsoleUserDirectory
{
    public const string Section = "OrleansHall:Users";

    /// <summary>The claim that says when a session began, for its absolute lifetime.</summary>
    public const string IssuedClaim = "orleanshall:issued";

    private static readonly PasswordHasher<ConsoleUserSettings> Hasher = new();

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

            if (entry["Password"] is not null)
            {
                throw new InvalidOperationException(
                    $"{path}:Password is set for user '{user.Name}'; passwords are not stored in clear: put the hash from 'hallctl users add' in {path}:PasswordHash.");
            }

            if (string.IsNullOrEmpty(user.PasswordHash))
            {
                throw new InvalidOperationException($"{path}:PasswordHash for user '{user.Name}' is empty; expected the hash 'hallctl users add' writes.");
            }

            if (string.Equals(user.Role, "Ops", StringComparison.OrdinalIgnoreCase))
            {
                // Ops users sign in to the silo's Orleans dashboard only (the same users file); not to the console.
                continue;
            }

            if (!Enum.TryParse<ConsoleRole>(user.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            {
                throw new InvalidOperationException(
                    $"{path}:Role '{user.Role}' for user '{user.Name}' is not a role; expected {string.Join(", ", Enum.GetNames<ConsoleRole>())}.");
            }

            if (role is ConsoleRole.HallManager or ConsoleRole.Staff && string.IsNullOrWhiteSpace(user.HallId))
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

    private static (ConsoleUserSettings User, ConsoleRole Role) Decoy { get; } = MakeDecoy();

    /// <summary>The hash to store for a password (what `hallctl users add` writes).</summary>
    public static string Hash(string password) => Hasher.HashPassword(new ConsoleUserSettings(), password);

    /// <summary>Whether the user still exists with the same role and hall (a live session is checked against this).</summary>
    public bool StillValid(ClaimsPrincipal user)
        => user.Identity?.Name is { } name
            && _users.TryGetValue(name, out var entry)
            && user.IsInRole(entry.Role.ToString())
            && string.Equals(user.HallOf(), string.IsNullOrWhiteSpace(entry.User.HallId) ? null : entry.User.HallId, StringComparison.Ordinal);

    private static (ConsoleUserSettings, ConsoleRole) MakeDecoy()
    {
        var decoy = new ConsoleUserSettings { Name = "decoy" };
        decoy.PasswordHash = Hasher.HashPassword(decoy, Guid.NewGuid().ToString());
        return (decoy, ConsoleRole.Staff);
    }

    /// <summary>The signed-in principal, or null when the name is unknown or the password is wrong.</summary>
    public ClaimsPrincipal? Authenticate(string? name, string? password, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(name) || password is null || !_users.TryGetValue(name, out var entry))
        {
            // As slow as a wrong password, so timing does not tell which names exist.
            Hasher.VerifyHashedPassword(Decoy.User, Decoy.User.PasswordHash, password ?? "");
            return null;
        }

        if (Hasher.VerifyHashedPassword(entry.User, entry.User.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return null;
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, entry.User.Name),
            new(ClaimTypes.Role, entry.Role.ToString()),
            new(IssuedClaim, now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (!string.IsNullOrWhiteSpace(entry.User.HallId))
        {
            claims.Add(new Claim(ConsoleClaims.HallId, entry.User.HallId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
