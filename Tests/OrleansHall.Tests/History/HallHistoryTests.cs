using System.Collections.Immutable;
using OrleansHall.Clients.Simulation;
using OrleansHall.Forecast;
using OrleansHall.Grains.Events;
using OrleansHall.Hall;
using OrleansHall.History;
using OrleansHall.Staffing;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.History;

/// <summary>
/// Four weeks of simulated past through the real history, forecast and staffing grains on PostgreSQL: what is rolled
/// up is what was sent, a second back-fill adds nothing, and the forecast and the plan built on it survive the grains
/// being deactivated.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HallHistoryTests(ClusterFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Simulated_weeks_roll_up_to_what_was_sent_once_and_feed_a_forecast_a_backtest_and_a_staffing_plan()
    {
        var hallId = $"hist-{Guid.NewGuid():N}"[..13];
        var plan = new HallPlan(hallId, "History hall", ["C1", "C2", "C3"], PeakPerHour: 26, Capacity: 70);
        await Client.GetGrain<IHallGrain>(hallId).ConfigureAsync(RegionSetup.ConfigFor(plan, "history-region"));
        var zone = fixture.Clock.LocalTimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow(), zone).DateTime);
        var backfill = new HistoryBackfill(Client, zone);

        var result = await backfill.RunAsync([plan], today.AddDays(-28), today.AddDays(-1), (_, _, _) => { }, CancellationToken.None);
        var again = await backfill.RunAsync([plan], today.AddDays(-28), today.AddDays(-1), (_, _, _) => { }, CancellationToken.None);

        output.WriteLine($"{result.Days} days, {result.Events} events, {result.Tickets} tickets; predictor MAE {System.Text.Json.JsonSerializer.Serialize(result.PredictorMaeMinutes)}");
        Assert.Equal(result.Events, again.Events);
        var stored = 0L;
        foreach (var kind in new[] { EventKinds.Passage, EventKinds.DeviceUsage, EventKinds.TicketIssued, EventKinds.TicketCalled, EventKinds.TicketStarted, EventKinds.TicketCompleted, EventKinds.TicketNoShow })
        {
            stored += await fixture.CountEventsAsync(hallId, kind);
        }

        Assert.Equal(result.Events, stored);
        var history = Client.GetGrain<IHallHistoryGrain>(hallId);
        var slots = await history.GetSlotsAsync(Midnight(today.AddDays(-28), zone), Midnight(today, zone));
        Assert.Equal(result.Tickets, slots.Sum(s => s.Issued));
        Assert.Equal(result.Tickets, await fixture.CountEventsAsync(hallId, EventKinds.TicketIssued));
        Assert.Equal(slots.Sum(s => s.Entries), slots.Sum(s => s.Exits));
        Assert.All(slots, s => Assert.InRange(TimeZoneInfo.ConvertTime(s.Start, zone).TimeOfDay, TimeSpan.FromHours(8), TimeSpan.FromHours(18.5)));

        // Forecast of today from the four weeks before it: zero while the hall is closed, a band around the rest.
        var forecast = Client.GetGrain<IHallForecastGrain>(hallId);
        var entries = await forecast.GetDayAsync(today, ForecastMetric.Entries);
        Assert.Equal(96, entries.Points.Length);
        Assert.Equal(4, entries.WeeksOfHistory);
        Assert.All(entries.Points.Take(32), p => Assert.Equal(0, p.Mean));
        Assert.All(entries.Points, p => Assert.True(p.Lower <= p.Mean && p.Mean <= p.Upper, $"{p.Start:HH:mm} band {p.Lower}..{p.Upper} around {p.Mean}"));
        var perDay = slots.Sum(s => s.Entries) / 28.0;
        Assert.InRange(entries.Points.Sum(p => p.Mean), perDay * 0.4, perDay * 2);

        var backtest = await forecast.BacktestAsync(ForecastMetric.Entries);
        output.WriteLine($"backtest: Holt-Winters {backtest.HoltWintersMape:P1}, seasonal-naive {backtest.SeasonalNaiveMape:P1}, {backtest.Slots} slots");
        Assert.Equal(3, backtest.TrainingWeeks);
        Assert.True(backtest.HoltWintersMape < backtest.SeasonalNaiveMape, $"{backtest.HoltWintersMape} vs {backtest.SeasonalNaiveMape}");

        var staffing = await Client.GetGrain<IHallStaffingGrain>(hallId).PlanAsync(today);
        output.WriteLine($"staffing: {staffing.Basis}; suggested {staffing.Suggested}; current {staffing.Current}");
        Assert.Equal(36, staffing.Slots.Length);
        Assert.All(staffing.Slots, s => Assert.True(s.Rostered >= s.Counters && s.Counters >= 1, $"{s.Start:HH:mm}: {s.Rostered} for {s.Counters}"));
        Assert.Contains(staffing.Shifts, s => s.Role == "floating guide");
        Assert.True(staffing.Suggested.ServiceLevel >= 0.8, $"suggested roster gives {staffing.Suggested.ServiceLevel:P1}");
        Assert.True(staffing.Suggested.StaffHours < staffing.Current.StaffHours);
        Assert.Contains("measured", staffing.Basis);

        // Kept across deactivation: the forecast from grain storage, the rollups from their table.
        await fixture.Cluster.DeactivateAsync(forecast);
        await fixture.Cluster.DeactivateAsync(history);
        var reread = (await forecast.GetDayAsync(today, ForecastMetric.Entries)).Points;
        var differ = entries.Points.Zip(reread).Where(p => p.First != p.Second).Select(p => $"{p.First} vs {p.Second}").FirstOrDefault();
        Assert.True(differ is null, differ);
        Assert.Equal(slots.Length, (await history.GetSlotsAsync(Midnight(today.AddDays(-28), zone), Midnight(today, zone))).Length);
    }

    [Fact]
    public async Task A_hall_without_history_says_so_instead_of_forecasting()
    {
        var hallId = await fixture.OpenHallAsync();
        var today = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

        var forecast = await Client.GetGrain<IHallForecastGrain>(hallId).GetDayAsync(today, ForecastMetric.Tickets);
        var backtest = await Assert.ThrowsAsync<OrleansHall.Common.RejectedRequestException>(
            () => Client.GetGrain<IHallForecastGrain>(hallId).BacktestAsync(ForecastMetric.Entries));
        var staffing = await Assert.ThrowsAsync<OrleansHall.Common.RejectedRequestException>(
            () => Client.GetGrain<IHallStaffingGrain>(hallId).PlanAsync(today));

        Assert.Empty(forecast.Points);
        Assert.Contains("two whole weeks", forecast.Model);
        Assert.Contains("needs three", backtest.Message);
        Assert.Contains("no ticket forecast", staffing.Message);
    }

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
        => OrleansHall.Grains.Forecast.HallSeries.Midnight(day, zone);
}
