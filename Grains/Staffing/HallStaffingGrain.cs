using OrleansHall.Grains.Common;
using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using OrleansHall.Analytics.Demand;
using OrleansHall.Analytics.Forecasting;
using OrleansHall.Analytics.Queueing;
using OrleansHall.Analytics.Staffing;
using OrleansHall.Common;
using OrleansHall.Forecast;
using OrleansHall.Grains.Forecast;
using OrleansHall.Hall;
using OrleansHall.History;
using OrleansHall.Staffing;

namespace OrleansHall.Grains.Staffing;

/// <summary>
/// Turns a hall's ticket forecast into a day's staffing: the handling-time distribution per business type and the
/// business mix are measured from the last four weeks of rollups (lognormal per type), the counters per slot come
/// from <see cref="StaffingPlanner"/> (Erlang C checked by simulation), shifts from <see cref="ShiftPlanner"/>, and
/// both the suggestion and the current roster are run through the queue simulation over the forecast day. The CPU
/// work runs off the grain's scheduler; plans are kept in memory per day and hall layout.
/// </summary>
public sealed class HallStaffingGrain([FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock) : Grain, IHallStaffingGrain
{
    public const int MeasuredDays = 28;

    private const int DayReplications = 8;

    private const int PlansKept = 16;

    // Keyed by what a plan depends on (the hall's layout record compares its arrays by reference, so not by it).
    private readonly Dictionary<(DateOnly, DateTimeOffset?, double, double, int, int), StaffingPlan> _plans = [];

    private string HallId => this.GetPrimaryKeyString();

    public async Task<StaffingPlan> PlanAsync(DateOnly day)
    {
        var config = await GrainFactory.GetGrain<IHallGrain>(HallId).GetConfigAsync();
        var forecast = await GrainFactory.GetGrain<IHallForecastGrain>(HallId).GetDayAsync(day, ForecastMetric.Tickets);
        if (forecast.Points.IsDefaultOrEmpty)
        {
            throw new RejectedRequestException($"Hall '{HallId}' has no ticket forecast for {day:yyyy-MM-dd} ({forecast.Model}); staffing is planned from it.");
        }

        var key = (day, forecast.FittedAt, config.TargetWaitMinutes, config.ServiceLevelTarget, config.CurrentRoster, config.Counters.Length);
        if (_plans.TryGetValue(key, out var known))
        {
            return known;
        }

        var zone = clock.LocalTimeZone;
        var today = HallSeries.Midnight(LocalDay.Today(clock), zone);
        var measured = await GrainFactory.GetGrain<IHallHistoryGrain>(HallId).GetSlotsAsync(today.AddDays(-MeasuredDays), today);
        var first = (int)(ArrivalProfile.Opens / Slots.Length);
        var count = HallDemand.OpenSlots;
        var opens = forecast.Points[first].Start;
        var rates = forecast.Points.Skip(first).Take(count).Select(p => p.Mean / Slots.Length.TotalHours).ToArray();
        var target = new StaffingTarget(TimeSpan.FromMinutes(config.TargetWaitMinutes), config.ServiceLevelTarget);
        var (mix, basis, tickets) = Mix(measured);
        var plan = await Task.Run(() => Plan(day, config, opens, rates, mix, target, basis) with { MeasuredTickets = tickets, HallCounters = config.Counters.Length, MeasuredDays = MeasuredDays });
        if (_plans.Count >= PlansKept)
        {
            _plans.Clear();
        }

        _plans[key] = plan;
        return plan;
    }

    private static StaffingPlan Plan(DateOnly day, HallConfig config, DateTimeOffset opens, double[] rates, CustomerMix mix, StaffingTarget target, string basis)
    {
        var requirements = new StaffingPlanner(mix, target).Requirements(opens, rates, seed: day.DayNumber);
        var shifts = ShiftPlanner.Plan([.. requirements.Select(r => r.Counters)]);
        var simulator = new QueueSimulator(mix, target.Wait);
        RosterOutcome Simulate(string name, int people, double hours, IReadOnlyList<int> counters)
        {
            var outcomes = Enumerable.Range(0, DayReplications).Select(r => simulator.Run(new QueueDay(opens, rates, counters), seed: (day.DayNumber * 31) + r)).ToList();
            var tickets = outcomes.SelectMany(o => o.Tickets).ToList();
            return new RosterOutcome(name, people, Math.Round(hours, 2),
                Math.Round(tickets.Count == 0 ? 1 : tickets.Count(t => t.Wait <= target.Wait) / (double)tickets.Count, 4),
                Math.Round(tickets.Count == 0 ? 0 : tickets.Average(t => t.Wait.TotalMinutes), 2),
                Math.Round(outcomes.Average(o => o.Occupancy), 4));
        }

        var dayHours = rates.Length * Slots.Length.TotalHours;
        var suggested = Simulate("suggested", shifts.People, shifts.StaffHours, shifts.Coverage);
        var currentCounters = Math.Min(config.Counters.Length, config.CurrentRoster);
        var current = Simulate($"current roster of {config.CurrentRoster}", config.CurrentRoster, config.CurrentRoster * dayHours, [.. Enumerable.Repeat(currentCounters, rates.Length)]);
        var most = requirements.Max(r => r.Counters);
        if (most > config.Counters.Length)
        {
            basis += $"; the busiest slot needs {most} counters and the hall has {config.Counters.Length}";
        }

        var slotShifts = shifts.CounterShifts.Select(s => Shift("counter clerk", s, opens))
            .Append(new SuggestedShift("floating guide", opens, opens + (Slots.Length * rates.Length), null, null, shifts.GuideHours))
            .ToImmutableArray();
        return new StaffingPlan(day, target.Wait.TotalMinutes, target.ServiceLevel,
            [.. requirements.Select(r => new StaffingSlot(r.Start, Math.Round(r.ArrivalsPerHour, 2), r.ErlangCounters, r.Counters, shifts.Coverage[r.Slot], Math.Round(r.SimulatedServiceLevel, 4)))],
            slotShifts, suggested, current, basis);
    }

    private static SuggestedShift Shift(string role, ShiftTemplate template, DateTimeOffset opens)
    {
        DateTimeOffset At(int slot) => opens + (Slots.Length * slot);
        return template.LunchSlots > 0
            ? new SuggestedShift(role, At(template.FirstSlot), At(template.EndSlot), At(template.LunchSlot), At(template.LunchSlot + template.LunchSlots), template.Hours)
            : new SuggestedShift(role, At(template.FirstSlot), At(template.EndSlot), null, null, template.Hours);
    }

    /// <summary>The business mix and a lognormal handling time per type from the measured slots, else the defaults.</summary>
    private static (CustomerMix Mix, string Basis, int Tickets) Mix(IReadOnlyList<SlotRollup> measured)
    {
        var types = measured.SelectMany(s => s.ByType).GroupBy(b => b.BusinessType).Select(g => (
            Type: g.Key,
            Issued: g.Sum(b => b.Issued),
            Served: g.Sum(b => b.Served),
            Log: g.Sum(b => b.LogHandlingSum),
            Squares: g.Sum(b => b.LogHandlingSquares))).ToList();
        var served = types.Where(t => t.Served >= 10).ToList();
        if (served.Count == 0)
        {
            return (CustomerMix.Default, "no measured handling times yet: default handling times and business mix", 0);
        }

        var medians = new Dictionary<string, TimeSpan>();
        var sigmas = new Dictionary<string, double>();
        foreach (var t in served)
        {
            var mu = t.Log / t.Served;
            var variance = Math.Max(0, (t.Squares / t.Served) - (mu * mu));
            medians[t.Type] = TimeSpan.FromMinutes(Math.Exp(mu));
            sigmas[t.Type] = Math.Clamp(Math.Sqrt(variance), 0.05, 2);
        }

        var fallback = HandlingTimeModel.Default;
        var handling = new HandlingTimeModel(medians, fallback.Sigma(""), TimeSpan.FromMinutes(served.Sum(t => Math.Exp(t.Log / t.Served)) / served.Count), sigmas);
        var mix = new CustomerMix([.. types.Where(t => t.Issued > 0).Select(t => (t.Type, (double)t.Issued))], handling);
        return (mix, $"handling times and business mix measured on {served.Sum(t => t.Served)} tickets of the last {MeasuredDays} days", served.Sum(t => t.Served));
    }
}
