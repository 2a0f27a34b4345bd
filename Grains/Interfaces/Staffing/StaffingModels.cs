using System.Collections.Immutable;

namespace OrleansHall.Staffing;

/// <summary>One slot of the plan: tickets forecast per hour, what Erlang C asks, what the simulation confirmed, and who is on.</summary>
[GenerateSerializer, Immutable]
public sealed record StaffingSlot(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] double ArrivalsPerHour,
    [property: Id(2)] int ErlangCounters,
    [property: Id(3)] int Counters,
    [property: Id(4)] int Rostered,
    [property: Id(5)] double SimulatedServiceLevel);

/// <summary>A shift of the suggestion: local times and the lunch break (if any).</summary>
[GenerateSerializer, Immutable]
public sealed record SuggestedShift(
    [property: Id(0)] string Role,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To,
    [property: Id(3)] DateTimeOffset? LunchFrom,
    [property: Id(4)] DateTimeOffset? LunchTo,
    [property: Id(5)] double Hours);

/// <summary>A roster and what the queue simulation says it gives over the forecast day.</summary>
[GenerateSerializer, Immutable]
public sealed record RosterOutcome(
    [property: Id(0)] string Name,
    [property: Id(1)] int People,
    [property: Id(2)] double StaffHours,
    [property: Id(3)] double ServiceLevel,
    [property: Id(4)] double MeanWaitMinutes,
    [property: Id(5)] double CounterOccupancy);

/// <summary>
/// A day's staffing suggestion for a hall: per-slot requirements, the shifts that cover them (at least one counter
/// clerk and one floating guide), and the suggestion against the hall's current roster, each simulated.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StaffingPlan(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] double TargetWaitMinutes,
    [property: Id(2)] double ServiceLevelTarget,
    [property: Id(3)] ImmutableArray<StaffingSlot> Slots,
    [property: Id(4)] ImmutableArray<SuggestedShift> Shifts,
    [property: Id(5)] RosterOutcome Suggested,
    [property: Id(6)] RosterOutcome Current,
    [property: Id(7)] string Basis,
    [property: Id(8)] int MeasuredTickets = 0,
    [property: Id(9)] int HallCounters = 0,
    [property: Id(10)] int MeasuredDays = 0);
