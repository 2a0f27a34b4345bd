using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace OrleansHall.Silo;

/// <summary>
/// The Orleans dashboard answers only to users of role <c>Ops</c> in the console's users file (what <c>hallctl users
/// add --role Ops</c> writes: the same names and password hashes as the console's sign-in). The browser asks for them
/// (HTTP Basic); a verified password is remembered for ten minutes so the dashboard's polling costs no hashing, and five
/// wrong passwords for a name within 15 minutes lock it for 15 minutes. The file is read again when it changes.
/// Basic sends the password with each request: keep the silo's HTTP port on loopback or behind a TLS proxy.
/// </summary>
public static class DashboardSignIn
{
    public const string Scheme = "OrleansHallDashboard";
    public const string Policy = "DashboardOps";
    public const string Role = "Ops";

    public static void Add(IServiceCollection services, string usersFile, TimeProvider clock)
    {
        services.AddSingleton(new DashboardUsers(usersFile, clock));
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, DashboardAuthenticationHandler>(Scheme, _ => { });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireRole(Role));
    }
}

/// <summary>The users file, read again when it changes; checks a name and password with lock-out and a short memory of successes.</summary>
public sealed class DashboardUsers(string usersFile, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(10);
    private static readonly PasswordHasher<object> Hasher = new();

    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _failures = new(StringComparer.OrdinalIgnoreCase);
    private (DateTime WrittenAt, Dictionary<string, (string Role, string Hash)> Users) _users = (default, new());

    /// <summary>The user's role when the password is right and the name not locked; otherwise null and why.</summary>
    public (string? Role, string? Problem) Check(string name, string password)
    {
        var now = clock.GetUtcNow();
        var failures = _failures.GetOrAdd(name, _ => []);
        lock (failures)
        {
            failures.RemoveAll(at => now - at > Window);
            if (failures.Count >= MaxFailures)
            {
                return (null, $"'{name}' is locked after {MaxFailures} wrong passwords; try again later");
            }
        }

        if (!Users().TryGetValue(name, out var user))
        {
            return Failed(failures, now, "unknown name or wrong password");
        }

        var remembered = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{name}\0{password}\0{user.Hash}")));
        if (_verified.TryGetValue(remembered, out var until) && now < until)
        {
            return (user.Role, null);
        }

        if (Hasher.VerifyHashedPassword(name, user.Hash, password) == PasswordVerificationResult.Failed)
        {
            return Failed(failures, now, "unknown name or wrong password");
        }

        _verified[remembered] = now + Remembered;
        return (user.Role, null);
    }

    private static (string?, string?) Failed(List<DateTimeOffset> failures, DateTimeOffset now, string problem)
    {
        lock (failures)
        {
            failures.Add(now);
        }

        return (null, problem);
    }

    private Dictionary<string, (string Role, string Hash)> Users()
    {
        var written = File.Exists(usersFile) ? File.GetLastWriteTimeUtc(usersFile) : default;
        lock (_gate)
        {
            if (written != _users.WrittenAt)
            {
                var users = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
                if (written != default && JsonNode.Parse(File.ReadAllText(usersFile))?["OrleansHall"]?["Users"] is JsonObject entries)
                {
                    foreach (var (_, entry) in entries)
                    {
                        if (entry?["Name"]?.GetValue<string>() is { Length: > 0 } name && entry["PasswordHash"]?.GetValue<string>() is { Length: > 0 } hash)
                        {
                            users[name] = (entry["Role"]?.GetValue<string>() ?? "", hash);
                        }
                    }
                }

                _users = (written, users);
            }

            return _users.Users;
        }
    }
}

/// <summary>HTTP Basic against <see cref="DashboardUsers"/>; a challenge asks the browser for a name and password.</summary>
public sealed class DashboardAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DashboardUsers users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("the Authorization header is not base64"));
        }

        var colon = decoded.IndexOf(':');
        if (colon <= 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("expected name:password"));
        }

        var name = decoded[..colon];
        var (role, problem) = users.Check(name, decoded[(colon + 1)..]);
        if (role is null)
        {
            Logger.LogWarning("Dashboard sign-in refused for '{Name}': {Problem}", name, problem);
            return Task.FromResult(AuthenticateResult.Fail(problem!));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], DashboardSignIn.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), DashboardSignIn.Scheme)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"OrleansHall dashboard\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}
