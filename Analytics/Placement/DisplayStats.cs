namespace OrleansHall.Analytics.Placement;

/// <summary>One display's day: people who passed its zone and the person-seconds they spent there.</summary>
public sealed record DisplayDay(string DisplayId, int Exposure, double DwellSeconds)
{
    /// <summary>Seconds a passer-by stays, or null with nobody passing.</summary>
    public double? DwellPerExposure => Exposure == 0 ? null : DwellSeconds / Exposure;
}

/// <summary>Which displays are cold: passed by few, or holding passers-by much shorter than the hall's others.</summary>
public static class ColdDisplays
{
    /// <summary>Cold below this share of the hall's median exposure or dwell per exposure.</summary>
    public const double Fraction = 0.5;

    public static IReadOnlySet<string> Find(IReadOnlyCollection<DisplayDay> days)
    {
        if (days.Count < 2)
        {
            return new HashSet<string>();
        }

        var exposure = Median(days.Select(d => (double)d.Exposure));
        var holding = days.Where(d => d.DwellPerExposure is not null).Select(d => d.DwellPerExposure!.Value).ToList();
        var dwell = holding.Count == 0 ? 0 : Median(holding);
        return days.Where(d => d.Exposure < Fraction * exposure || (d.DwellPerExposure ?? 0) < Fraction * dwell)
            .Select(d => d.DisplayId).ToHashSet();
    }

    private static double Median(IEnumerable<double> values) => MathNet.Numerics.Statistics.Statistics.Median(values);
}
