namespace OrleansHall.Customer;

/// <summary>A visit to a hall: when, where, and what for.</summary>
[GenerateSerializer, Immutable]
public sealed record Visit(
    [property: Id(0)] string HallId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Reason);
