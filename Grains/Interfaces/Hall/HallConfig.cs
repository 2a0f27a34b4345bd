using System.Collections.Immutable;

namespace OrleansHall.Hall;

/// <summary>Layout and thresholds of one service hall.</summary>
/// <param name="Name">Display name ("镇海营业厅").</param>
/// <param name="RegionId">The region whose operators see this hall.</param>
/// <param name="Capacity">People the hall holds comfortably; occupancy above it raises an alert.</param>
/// <param name="Counters">Service counter ids ("C1", "C2", ...).</param>
/// <param name="Zones">Floor zones ("entrance", "waiting", "self-service", ...).</param>
/// <param name="BusinessTypes">Business types the queue issues tickets for.</param>
/// <param name="QueueAlertLength">Waiting tickets above which the hall raises a queue alert.</param>
/// <param name="WaitAlertMinutes">Longest wait above which the hall raises a wait alert.</param>
/// <param name="TargetWaitMinutes">The service promise: customers called within this many minutes ...</param>
/// <param name="ServiceLevelTarget">... for at least this share of them (0.8 = 80 %); staffing is planned to meet it.</param>
/// <param name="CurrentRoster">Front-desk staff the hall rosters today, all day; the staffing page compares its suggestion with it.</param>
[GenerateSerializer, Immutable]
public sealed record HallConfig(
    [property: Id(0)] string Name,
    [property: Id(1)] string RegionId,
    [property: Id(2)] int Capacity,
    [property: Id(3)] ImmutableArray<string> Counters,
    [property: Id(4)] ImmutableArray<string> Zones,
    [property: Id(5)] ImmutableArray<string> BusinessTypes,
    [property: Id(6)] int QueueAlertLength = 15,
    [property: Id(7)] double WaitAlertMinutes = 20,
    [property: Id(8)] double TargetWaitMinutes = 10,
    [property: Id(9)] double ServiceLevelTarget = 0.8,
    [property: Id(10)] int CurrentRoster = 10);
