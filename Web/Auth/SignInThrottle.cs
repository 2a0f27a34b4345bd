namespace OrleansHall.Web.Auth;

/// <summary>
/// Locks a user name out after <see cref="MaxFailures"/> wrong passwords within <see cref="Window"/>, for
/// <see cref="LockOut"/>; a successful sign-in clears the count. Per console instance, in memory: behind several
/// instances an attacker gets that many tries per instance.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan LockOut = TimeSpan.FromMinutes(15);

    private readonly Dictionary<string, (int Failures, DateTimeOffset First, DateTimeOffset? LockedUntil)> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    /// <summary>When the name may try again, if it is locked out now.</summary>
    public DateTimeOffset? LockedUntil(string name)
    {
        lock (_gate)
        {
            return _names.TryGetValue(name, out var entry) && entry.LockedUntil is { } until && until > clock.GetUtcNow() ? until : null;
        }
    }

    public void Failed(string name)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var (failures, first, _) = _names.TryGetValue(name, out var entry) && now - entry.First < Window ? entry : (0, now, null);
            failures++;
            _names[name] = (failures, first, failures >= MaxFailures ? now + LockOut : null);
            if (_names.Count > 10_000)
            {
                // Names tried at random must not grow memory without bound: forget the stale ones.
                foreach (var stale in _names.Where(n => now - n.Value.First >= Window && (n.Value.LockedUntil ?? now) <= now).Select(n => n.Key).ToList())
                {
                    _names.Remove(stale);
                }
            }
        }
    }

    public void Succeeded(string name)
    {
        lock (_gate)
        {
            _names.Remove(name);
        }
    }
}
