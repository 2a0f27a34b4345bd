namespace OrleansHall.Clients.Delivery;

/// <summary>Exponential back-off: the first retry waits <paramref name="Initial"/>, each next one twice as long, capped at <paramref name="Max"/>.</summary>
public sealed record Backoff(TimeSpan Initial, TimeSpan Max)
{
    public static Backoff Default { get; } = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(15));

    /// <param name="attempt">1 for the first retry.</param>
    public TimeSpan Delay(int attempt)
    {
        if (attempt < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(attempt), attempt, "Attempts are counted from 1.");
        }

        // Cap the exponent so the multiplication cannot overflow.
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var ticks = Math.Min(Initial.Ticks * factor, Max.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
