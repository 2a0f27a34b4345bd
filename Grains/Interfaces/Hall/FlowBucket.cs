namespace OrleansHall.Hall;

/// <summary>Entries and exits in one 15-minute interval starting at <paramref name="Start"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record FlowBucket(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] int Entries,
    [property: Id(2)] int Exits);
