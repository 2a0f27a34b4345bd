namespace OrleansHall.Analytics.Staffing;

/// <summary>What a number of counters gives for a steady stream of customers (M/M/N, the Erlang C model).</summary>
public sealed record ErlangResult(int Counters, double ServiceLevel, double Occupancy, double ProbabilityOfWaiting, double MeanWaitSeconds);

/// <summary>
/// Erlang C: Poisson arrivals, exponential handling, N counters serving one queue first come first served.
/// Offered load A = arrivals per second x mean handling seconds (in Erlangs). Computed through the Erlang B
/// recursion, which stays finite for any N where the factorial form overflows.
/// </summary>
public static class ErlangC
{
    public static ErlangResult Evaluate(double arrivalsPerHour, double handleSeconds, int counters, double targetSeconds)
    {
        Validate(arrivalsPerHour, handleSeconds, targetSeconds);
        if (counters < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(counters), counters, "Expected at least one counter.");
        }

        var load = arrivalsPerHour / 3600 * handleSeconds;
        if (load == 0)
        {
            return new ErlangResult(counters, 1, 0, 0, 0);
        }

        if (load >= counters)
        {
            // Unstable: the queue grows without bound, nobody is served within any target in the long run.
            return new ErlangResult(counters, 0, 1, 1, double.PositiveInfinity);
        }

        var blocking = 1.0;
        for (var n = 1; n <= counters; n++)
        {
            blocking = load * blocking / (n + (load * blocking));
        }

        var waiting = counters * blocking / (counters - (load * (1 - blocking)));
        var serviceLevel = 1 - (waiting * Math.Exp(-(counters - load) * targetSeconds / handleSeconds));
        var meanWait = waiting * handleSeconds / (counters - load);
        return new ErlangResult(counters, serviceLevel, load / counters, waiting, meanWait);
    }

    /// <summary>The fewest counters whose service level (share called within <paramref name="targetSeconds"/>) is at least <paramref name="serviceLevel"/>.</summary>
    public static ErlangResult Required(double arrivalsPerHour, double handleSeconds, double targetSeconds, double serviceLevel, int maxCounters = 500)
    {
        Validate(arrivalsPerHour, handleSeconds, targetSeconds);
        if (serviceLevel is <= 0 or >= 1 || double.IsNaN(serviceLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(serviceLevel), serviceLevel, "Expected a service level strictly between 0 and 1 (0.8 for 80 %).");
        }

        var load = arrivalsPerHour / 3600 * handleSeconds;
        for (var n = Math.Max(1, (int)Math.Floor(load)); n <= maxCounters; n++)
        {
            var result = Evaluate(arrivalsPerHour, handleSeconds, n, targetSeconds);
            if (result.ServiceLevel >= serviceLevel)
            {
                return result;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(arrivalsPerHour), arrivalsPerHour, $"More than {maxCounters} counters would be needed.");
    }

    private static void Validate(double arrivalsPerHour, double handleSeconds, double targetSeconds)
    {
        if (!double.IsFinite(arrivalsPerHour) || arrivalsPerHour < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(arrivalsPerHour), arrivalsPerHour, "Expected arrivals per hour of zero or more.");
        }

        if (!double.IsFinite(handleSeconds) || handleSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(handleSeconds), handleSeconds, "Expected a positive mean handling time in seconds.");
        }

        if (!double.IsFinite(targetSeconds) || targetSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(targetSeconds), targetSeconds, "Expected a target wait of zero seconds or more.");
        }
    }
}
