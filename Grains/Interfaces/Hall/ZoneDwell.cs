namespace OrleansHall.Hall;

/// <summary>Person-seconds spent in a zone today, and how many people are in it now.</summary>
[GenerateSerializer, Immutable]
public sealed record ZoneDwell(
    [property: Id(0)] string Zone,
    [property: Id(1)] double DwellSeconds,
    [property: Id(2)] int PeopleNow);
