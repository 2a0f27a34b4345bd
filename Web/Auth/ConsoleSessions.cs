using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace OrleansHall.Web.Auth;

/// <summary>
/// Keeps a live console (a Blazor circuit) honest about its session: every minute it checks that the session is within
/// its absolute lifetime, that the user has not signed out since it began, and that the user still exists with the same
/// role and hall; otherwise the circuit loses its sign-in and the pages send it to the login.
/// </summary>
public sealed class ConsoleSessions(
    ILoggerFactory loggers, ConsoleUserDirectory users, SignOuts signOuts, TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    /// <summary>A session ends this long after sign-in, however active.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
        => Task.FromResult(IsCurrent(authenticationState.User, users, signOuts, clock.GetUtcNow()));

    /// <summary>Whether a signed-in principal's session still holds (also checked on every request with the cookie).</summary>
    public static bool IsCurrent(ClaimsPrincipal user, ConsoleUserDirectory users, SignOuts signOuts, DateTimeOffset now)
    {
        if (user.FindFirst(ConsoleUserDirectory.IssuedClaim)?.Value is not { } issuedText
            || !long.TryParse(issuedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return false;
        }

        var issued = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return now - issued < Lifetime
            && !signOuts.SignedOutSince(user.Identity?.Name ?? "", issued)
            && users.StillValid(user);
    }
}

/// <summary>When each user last signed out, so sessions they began earlier (another tab, another circuit) end too.</summary>
public sealed class SignOuts
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _last = new(StringComparer.OrdinalIgnoreCase);

    public void Record(string name, DateTimeOffset at) => _last[name] = at;

    public bool SignedOutSince(string name, DateTimeOffset issued) => _last.TryGetValue(name, out var at) && at > issued;
}
