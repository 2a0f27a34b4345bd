namespace OrleansHall.Hall;

/// <summary>People the cameras saw walk from one zone into another today.</summary>
[GenerateSerializer, Immutable]
public sealed record ZoneTransition(
    [property: Id(0)] string From,
    [property: Id(1)] string To,
    [property: Id(2)] int Count);

/// <summary>
/// A plain-language suggestion from the day's movement lines: <see cref="Kind"/> is "backtracking" (people walk back
/// from <see cref="Zone"/> to <see cref="OtherZone"/>) or "congestion" (<see cref="Zone"/> holds most of the dwell);
/// <see cref="Share"/> is the rate behind it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MovementAdvice(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Zone,
    [property: Id(2)] string? OtherZone,
    [property: Id(3)] double Share);
