using System.Collections.Immutable;
using OrleansHall.Hall;

namespace OrleansHall.Grains.Hall;

/// <summary>
/// Reads a day's movement lines for layout problems. Back-tracking: at least <see cref="MinTravellers"/> people moved
/// between zones and <see cref="BacktrackShare"/> or more of them walked back into a zone they had left; the pair
/// walked both ways most is named. Congestion: one zone holds <see cref="CongestionShare"/> of all dwell (and at
/// least 10 person-minutes). (A zone nobody enters is not reported: the hall does not know which zones its cameras
/// cover, so an unwatched zone would look deserted.)
/// </summary>
public static class MovementAdvisor
{
    public const int MinTravellers = 10;
    public const double BacktrackShare = 0.15;
    public const double CongestionShare = 0.5;

    public static ImmutableArray<MovementAdvice> Advise(ImmutableArray<ZoneTransition> moves, int backtracks, int travellers, ImmutableArray<ZoneDwell> zones)
    {
        var advice = ImmutableArray.CreateBuilder<MovementAdvice>();
        if (travellers >= MinTravellers && (double)backtracks / travellers >= BacktrackShare)
        {
            var count = moves.ToDictionary(m => (m.From, m.To), m => m.Count);
            // The forward direction of a pair is the busier one; the back flow is the other.
            var pair = moves.Select(m => (m.From, m.To, m.Count, Back: count.GetValueOrDefault((m.To, m.From))))
                .Where(p => p.Back > 0 && p.Count >= p.Back)
                .OrderByDescending(p => p.Back).ThenBy(p => p.From, StringComparer.Ordinal)
                .FirstOrDefault();
            if (pair.From is not null)
            {
                // People go From -> To and come back: To is where they return from.
                advice.Add(new MovementAdvice("backtracking", pair.To, pair.From, Math.Round((double)backtracks / travellers, 3)));
            }
        }

        var total = zones.Sum(z => z.DwellSeconds);
        if (total >= 600 && zones.MaxBy(z => z.DwellSeconds) is { } busiest && busiest.DwellSeconds / total >= CongestionShare && zones.Length > 1)
        {
            advice.Add(new MovementAdvice("congestion", busiest.Zone, null, Math.Round(busiest.DwellSeconds / total, 3)));
        }

        return advice.ToImmutable();
    }
}
