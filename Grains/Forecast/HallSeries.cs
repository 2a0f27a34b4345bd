using OrleansHall.Analytics.Forecasting;
using OrleansHall.Forecast;
using OrleansHall.History;

namespace OrleansHall.Grains.Forecast;

/// <summary>A metric of a hall's rollups as a dense series of 15-minute slots from a local midnight (absent slots are zero).</summary>
public static class HallSeries
{
    public static double[] Build(IEnumerable<SlotRollup> rollups, DateTimeOffset from, int slots, ForecastMetric metric)
    {
        var series = new double[slots];
        foreach (var rollup in rollups)
        {
            var index = (int)Math.Floor((rollup.Start - from) / Slots.Length);
            if (index >= 0 && index < slots)
            {
                series[index] += metric == ForecastMetric.Entries ? rollup.Entries : rollup.Issued;
            }
        }

        return series;
    }

    /// <summary>Local midnight of a day as an instant in the zone.</summary>
    public static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
