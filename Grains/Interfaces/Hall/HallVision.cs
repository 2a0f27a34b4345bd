using System.Collections.Immutable;

namespace OrleansHall.Hall;

/// <summary>What the hall's cameras saw today: who (by age and gender), where (zones, heat), whom they recognised, and the strategy cards sent (newest first).</summary>
[GenerateSerializer, Immutable]
public sealed record HallVision(
    [property: Id(0)] ImmutableArray<DemographicCount> Demographics,
    [property: Id(1)] ImmutableArray<ZoneDwell> Zones,
    [property: Id(2)] HeatMap Heat,
    [property: Id(3)] ImmutableArray<Recognition> Recognitions,
    [property: Id(4)] int CameraEntriesToday,
    [property: Id(5)] int CameraExitsToday,
    [property: Id(6)] ImmutableArray<ZoneTransition> Transitions = default,
    [property: Id(7)] double? BacktrackRate = null,
    [property: Id(8)] ImmutableArray<MovementAdvice> Advice = default,
    [property: Id(9)] ImmutableArray<OrleansHall.Customer.StrategyCard> Cards = default)
{
    public static HallVision Empty { get; } = new([], [], HeatMap.Empty, [], 0, 0);
}
