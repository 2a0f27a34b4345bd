namespace OrleansHall.Hall;

/// <summary>A threshold the hall is over right now (queue too long, wait too long, too full, device offline).</summary>
[GenerateSerializer, Immutable]
public sealed record HallAlert(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Message,
    [property: Id(2)] DateTimeOffset Since);
