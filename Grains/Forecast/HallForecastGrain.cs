using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using OrleansHall.Analytics.Forecasting;
using OrleansHall.Common;
using OrleansHall.Forecast;
using OrleansHall.Grains.Common;
using OrleansHall.Grains.Hall;
using OrleansHall.History;

namespace OrleansHall.Grains.Forecast;

/// <summary>
/// Fits a hall's forecasts from its rollups: up to eight whole weeks before today, Holt-Winters per metric, a week
/// ahead with an 80 % band (1.28 sigma of the fit's own week-ahead errors per slot of the day). A reminder refits every
/// night; a read after midnight refits first if the reminder has not yet run. Fewer than two weeks of history: no
/// forecast, said so.
/// </summary>
public sealed class HallForecastGrain(
    [PersistentState("forecast", StorageNames.Grains)] IPersistentState<ForecastState> state,
    [FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock) : Grain, IHallForecastGrain, IRemindable
{
    public const int MaxWeeks = 8;

    public const double BandSigmas = 1.28;

    private const string RefitReminder = "refit";

    private string HallId => this.GetPrimaryKeyString();

    private DateOnly Today => LocalDay.Today(clock);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await this.GetReminder(RefitReminder) is null)
        {
            await this.RegisterOrUpdateReminder(RefitReminder, TimeSpan.FromHours(1), TimeSpan.FromHours(24));
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => RefitAsync();

    public async Task<DayForecast> GetDayAsync(DateOnly day, ForecastMetric metric)
    {
        // Refit after midnight, and every quarter-hour while there was too little history (a new hall, or one
        // whose history is being written), so a forecast appears soon after the history does.
        if (state.State.FittedAt is not { } fitted || LocalDay.Of(fitted, clock.LocalTimeZone) < Today
            || (state.State.Metrics.IsEmpty && clock.GetUtcNow() - fitted >= Slots.Length))
        {
            await RefitAsync();
        }

        var s = state.State;
        var offset = (int)Math.Round((HallSeries.Midnight(day, clock.LocalTimeZone) - s.From) / Slots.Length);
        if (!s.Metrics.TryGetValue(metric, out var week) || offset < 0 || offset + Slots.PerDay > Slots.PerWeek)
        {
            var why = s.Metrics.IsEmpty ? $"fewer than two whole weeks of history" : $"outside the week forecast from {s.From:yyyy-MM-dd}";
            return new DayForecast(day, metric, [], s.FittedAt, s.Weeks, $"no forecast: {why}");
        }

        var midnight = HallSeries.Midnight(day, clock.LocalTimeZone);
        return new DayForecast(day, metric,
            [.. Enumerable.Range(0, Slots.PerDay).Select(i => new ForecastPoint(
                midnight + (Slots.Length * i), Math.Round(week.Mean[offset + i], 3), Math.Round(week.Lower[offset + i], 3), Math.Round(week.Upper[offset + i], 3)))],
            s.FittedAt, s.Weeks, $"Holt-Winters daily+weekly, {week.Parameters}");
    }

    public async Task<int> RefitAsync()
    {
        var today = Today;
        var (history, weeks, from) = await HistoryAsync(today, MaxWeeks);
        var metrics = ImmutableDictionary<ForecastMetric, FittedWeek>.Empty;
        if (weeks >= 2)
        {
            foreach (var metric in Enum.GetValues<ForecastMetric>())
            {
                var series = HallSeries.Build(history, from, weeks * Slots.PerWeek, metric);
                // Models are fitted on the grain's turn: a fit is a few million additions, a few tens of milliseconds.
                var model = HoltWinters.Fit(series);
                var mean = model.Forecast(Slots.PerWeek);
                var (lower, upper) = model.Band(mean, BandSigmas);
                metrics = metrics.SetItem(metric, new FittedWeek([.. mean], [.. lower], [.. upper],
                    $"level {model.Parameters.Level}, daily {model.Parameters.Daily}, weekly {model.Parameters.Weekly}"));
            }
        }

        await state.SaveAsync(new ForecastState
        {
            FittedAt = clock.GetUtcNow(),
            From = HallSeries.Midnight(today, clock.LocalTimeZone),
            Weeks = weeks,
            Metrics = metrics,
        }, this);
        return weeks;
    }

    public async Task<BacktestReport> BacktestAsync(ForecastMetric metric)
    {
        var (history, weeks, from) = await HistoryAsync(Today, MaxWeeks + 1);
        if (weeks < 3)
        {
            throw new RejectedRequestException(
                $"Hall '{HallId}' has {weeks} whole week(s) of history; a backtest needs three (two to fit, one held out). Run `hallctl simulate --history 4` or wait.");
        }

        var result = Backtest.LastWeek(HallSeries.Build(history, from, weeks * Slots.PerWeek, metric));
        return new BacktestReport(metric, Math.Round(result.HoltWintersMape, 4), Math.Round(result.SeasonalNaiveMape, 4), result.Slots, weeks - 1,
            Today.AddDays(-7), $"level {result.Parameters.Level}, daily {result.Parameters.Daily}, weekly {result.Parameters.Weekly}");
    }

    /// <summary>
    /// The whole weeks of rollups before <paramref name="today"/>, up to <paramref name="maxWeeks"/>, starting at the
    /// first week with any activity (a hall opened three weeks ago has three weeks, not eight with five empty).
    /// </summary>
    private async Task<(IReadOnlyList<SlotRollup> Rollups, int Weeks, DateTimeOffset From)> HistoryAsync(DateOnly today, int maxWeeks)
    {
        var end = HallSeries.Midnight(today, clock.LocalTimeZone);
        var start = HallSeries.Midnight(today.AddDays(-7 * maxWeeks), clock.LocalTimeZone);
        var rollups = await GrainFactory.GetGrain<IHallHistoryGrain>(HallId).GetSlotsAsync(start, end);
        if (rollups.Length == 0)
        {
            return (rollups, 0, end);
        }

        var firstDay = (int)Math.Floor((rollups[0].Start - start).TotalDays);
        // A first week only partly covered would teach the seasons zeros: start at the first whole week.
        var weeks = maxWeeks - (int)Math.Ceiling(firstDay / 7.0);
        var from = HallSeries.Midnight(today.AddDays(-7 * weeks), clock.LocalTimeZone);
        return (rollups, Math.Max(0, weeks), from);
    }
}
