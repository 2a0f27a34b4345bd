namespace OrleansHall.Hall;

/// <summary>Visitors seen today in one age band ("0-17", "18-29", "30-44", "45-59", "60+") of one gender.</summary>
[GenerateSerializer, Immutable]
public sealed record DemographicCount(
    [property: Id(0)] string AgeBand,
    [property: Id(1)] string Gender,
    [property: Id(2)] int Visitors);
