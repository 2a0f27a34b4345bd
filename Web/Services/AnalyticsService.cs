using System.Collections.Immutable;
using OrleansHall.Forecast;
using OrleansHall.History;
using OrleansHall.Staffing;

namespace OrleansHall.Web.Services;

/// <summary>How far the predicted waits given at issue were from the real waits, per business type, over recent days.</summary>
public sealed record PredictionError(string BusinessType, int Tickets, double MeanAbsoluteMinutes);

/// <summary>Forecasts, staffing plans and history of a hall, read from its analytics grains.</summary>
public sealed class AnalyticsService(ClusterConnection cluster, TimeProvider time)
{
    public const int PredictionErrorDays = 7;

    /// <summary>Today in the console's local time zone, the one the silo's grains use on this deployment.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public Task<DayForecast> GetForecastAsync(string hallId, DateOnly day, ForecastMetric metric) =>
        cluster.RequireClient().GetGrain<IHallForecastGrain>(hallId).GetDayAsync(day, metric);

    public Task<StaffingPlan> GetStaffingAsync(string hallId, DateOnly day) =>
        cluster.RequireClient().GetGrain<IHallStaffingGrain>(hallId).PlanAsync(day);

    /// <summary>A local day's slots and their totals; today's are rolled up from the event log first, so they are current.</summary>
    public async Task<(ImmutableArray<SlotRollup> Slots, RollupTotals Totals)> GetDayAsync(string hallId, DateOnly day)
    {
        var history = cluster.RequireClient().GetGrain<IHallHistoryGrain>(hallId);
        if (day == Today)
        {
            await history.RollUpAsync(day, day);
        }

        var start = Midnight(day);
        var slots = await history.GetSlotsAsync(start, Midnight(day.AddDays(1)));
        return (slots, RollupTotals.Of(slots));
    }

    /// <summary>
    /// Service level per day over the last <paramref name="days"/> days up to today (today as far as rolled up, every
    /// quarter-hour), oldest first; null for a day nobody was called. One read of the rollups.
    /// </summary>
    public async Task<IReadOnlyList<double?>> GetServiceTrendAsync(string hallId, int days = 7)
    {
        var first = Today.AddDays(1 - days);
        var slots = await cluster.RequireClient().GetGrain<IHallHistoryGrain>(hallId).GetSlotsAsync(Midnight(first), Midnight(Today.AddDays(1)));
        var byDay = slots.GroupBy(s => DateOnly.FromDateTime(s.Start.ToLocalTime().DateTime)).ToDictionary(g => g.Key, g => RollupTotals.Of(g).ServiceLevel);
        return [.. Enumerable.Range(0, days).Select(d => byDay.GetValueOrDefault(first.AddDays(d)))];
    }

    /// <summary>
    /// When visitors come: mean entries per weekday (Monday first) and hour over the last <paramref name="weeks"/>
    /// whole weeks before today, from the rollups (counts only), with the number of days held.
    /// </summary>
    public async Task<(double[,] Mean, int Days)> GetVisitTimesAsync(string hallId, int weeks = 4)
    {
        var first = Today.AddDays(-7 * weeks);
        var slots = await cluster.RequireClient().GetGrain<IHallHistoryGrain>(hallId).GetSlotsAsync(Midnight(first), Midnight(Today));
        var sums = new double[7, 24];
        foreach (var slot in slots)
        {
            var local = slot.Start.ToLocalTime();
            sums[((int)local.DayOfWeek + 6) % 7, local.Hour] += slot.Entries;
        }

        // Mean over the days of that weekday the rollups hold (a hall with less history is not diluted).
        var dates = slots.Select(s => DateOnly.FromDateTime(s.Start.ToLocalTime().DateTime)).Distinct().ToList();
        for (var d = 0; d < 7; d++)
        {
            var count = dates.Count(x => ((int)x.DayOfWeek + 6) % 7 == d);
            for (var h = 0; h < 24; h++)
            {
                sums[d, h] = count == 0 ? 0 : sums[d, h] / count;
            }
        }

        return (sums, dates.Count);
    }

    /// <summary>Local midnight of a day in the console's time zone (the silo's on this deployment).</summary>
    public DateTimeOffset Midnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, time.LocalTimeZone.GetUtcOffset(local));
    }

    /// <summary>Mean absolute error of the predicted wait over the last <see cref="PredictionErrorDays"/> days, from the rollups.</summary>
    public async Task<IReadOnlyList<PredictionError>> GetPredictionErrorsAsync(string hallId)
    {
        var now = time.GetUtcNow();
        var slots = await cluster.RequireClient().GetGrain<IHallHistoryGrain>(hallId).GetSlotsAsync(now.AddDays(-PredictionErrorDays), now);
        return [.. slots.SelectMany(s => s.ByType).GroupBy(b => b.BusinessType)
            .Select(g => (Type: g.Key, Count: g.Sum(b => b.Predicted), Error: g.Sum(b => b.PredictionErrorSumMinutes)))
            .Where(g => g.Count > 0)
            .OrderBy(g => g.Type, StringComparer.Ordinal)
            .Select(g => new PredictionError(g.Type, g.Count, Math.Round(g.Error / g.Count, 2)))];
    }
}
