using System.Collections.Immutable;

namespace OrleansHall.Forecast;

/// <summary>What is forecast: people through the door, or tickets taken at the queue.</summary>
public enum ForecastMetric
{
    Entries = 0,
    Tickets = 1,
}

/// <summary>One 15-minute slot of a forecast: the expected count and an 80 % prediction band.</summary>
[GenerateSerializer, Immutable]
public sealed record ForecastPoint(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] double Mean,
    [property: Id(2)] double Lower,
    [property: Id(3)] double Upper);

/// <summary>A local day's forecast (96 slots from midnight) and the fit behind it; empty points when there is too little history.</summary>
[GenerateSerializer, Immutable]
public sealed record DayForecast(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] ForecastMetric Metric,
    [property: Id(2)] ImmutableArray<ForecastPoint> Points,
    [property: Id(3)] DateTimeOffset? FittedAt,
    [property: Id(4)] int WeeksOfHistory,
    [property: Id(5)] string Model);

/// <summary>Both forecasts' error on the held-out last whole week of a hall's history.</summary>
[GenerateSerializer, Immutable]
public sealed record BacktestReport(
    [property: Id(0)] ForecastMetric Metric,
    [property: Id(1)] double HoltWintersMape,
    [property: Id(2)] double SeasonalNaiveMape,
    [property: Id(3)] int Slots,
    [property: Id(4)] int TrainingWeeks,
    [property: Id(5)] DateOnly HeldOutFrom,
    [property: Id(6)] string Parameters);
