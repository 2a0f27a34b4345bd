using System.Collections.Immutable;
using OrleansHall.Forecast;

namespace OrleansHall.Grains.Forecast;

/// <summary>The last fit of a hall's forecasts: for each metric a week of slots from <see cref="From"/>.</summary>
[GenerateSerializer]
public sealed record ForecastState
{
    [Id(0)] public DateTimeOffset? FittedAt { get; init; }

    /// <summary>Local midnight the forecast week starts at (the day of the fit).</summary>
    [Id(1)] public DateTimeOffset From { get; init; }

    [Id(2)] public int Weeks { get; init; }

    [Id(3)] public ImmutableDictionary<ForecastMetric, FittedWeek> Metrics { get; init; } = ImmutableDictionary<ForecastMetric, FittedWeek>.Empty;
}

[GenerateSerializer, Immutable]
public sealed record FittedWeek(
    [property: Id(0)] ImmutableArray<double> Mean,
    [property: Id(1)] ImmutableArray<double> Lower,
    [property: Id(2)] ImmutableArray<double> Upper,
    [property: Id(3)] string Parameters);
