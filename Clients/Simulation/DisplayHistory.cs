using System.Collections.Immutable;
using OrleansHall.History;
using OrleansHall.Placement;

namespace OrleansHall.Clients.Simulation;

/// <summary>
/// Simulated display figures for the history back-fill, so the placement page and its experiments have days to work
/// on: each day's exposure per zone is a share of the day's entries (from the rollups just written), dwell per
/// passer-by a zone mean with noise. On <see cref="MovedDaysAgo"/> days before the last day the EV-charger display
/// is moved into the waiting area and its passers-by stay 40 % longer, a change an experiment should find.
/// </summary>
public static class DisplayHistory
{
    public const int MovedDaysAgo = 14;

    /// <summary>The displays every simulated hall opens with: one in each zone its forecourt camera watches.</summary>
    public static ImmutableArray<ProductDisplay> Displays { get; } =
    [
        new("ev", "充电桩展台", "waiting", "ev-charger"),
        new("ebill", "网上国网", "self-service", "e-bill"),
        new("solar", "光伏展台", "entrance", "solar"),
    ];

    private static readonly Dictionary<string, (double Share, double Seconds)> Zones = new()
    {
        ["waiting"] = (0.7, 20),
        ["self-service"] = (0.45, 35),
        ["entrance"] = (0.95, 4),
    };

    public static async Task WriteAsync(IGrainFactory grains, string hallId, DateOnly first, DateOnly last, TimeZoneInfo zone, int seed)
    {
        var placement = grains.GetGrain<IHallPlacementGrain>(hallId);
        if ((await placement.GetDisplaysAsync()).IsEmpty)
        {
            await placement.ConfigureDisplaysAsync(Displays, "simulator");
        }

        var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(first.ToDateTime(TimeOnly.MinValue)));
        var slots = await grains.GetGrain<IHallHistoryGrain>(hallId).GetSlotsAsync(from, from.AddDays(last.DayNumber - first.DayNumber + 1));
        var entries = slots.GroupBy(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.Start, zone).DateTime)).ToDictionary(g => g.Key, g => g.Sum(s => s.Entries));
        var random = new Random(seed);
        var moved = last.AddDays(1 - MovedDaysAgo);
        var days = new List<ZoneDay>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            foreach (var (name, (share, seconds)) in Zones)
            {
                var exposure = (int)Math.Round(entries.GetValueOrDefault(day) * share * (0.9 + (0.2 * random.NextDouble())));
                var perPerson = seconds * (name == "waiting" && day >= moved ? 1.4 : 1.0) * (0.85 + (0.3 * random.NextDouble()));
                days.Add(new ZoneDay(day, name, exposure, Math.Round(exposure * perPerson, 1)));
            }
        }

        await placement.ImportDaysAsync([.. days]);
    }
}
