using System.Collections.Immutable;

namespace OrleansHall.Placement;

/// <summary>
/// A hall's product displays (keyed by hall id): which display stands in which floor zone, each day's exposure (people
/// who walked into the zone) and dwell (person-seconds there) sampled from the hall's camera figures every 15 minutes,
/// cold displays, what to display today, and placement experiments judged by Welch's t-test.
/// </summary>
public interface IHallPlacementGrain : IGrainWithStringKey
{
    /// <summary>Replaces the displays; each must stand in a zone of the hall, ids unique.</summary>
    Task ConfigureDisplaysAsync(ImmutableArray<ProductDisplay> displays, string who);

    Task<ImmutableArray<ProductDisplay>> GetDisplaysAsync();

    /// <summary>The day's figures per display, the cold ones flagged, and today's display suggestions from the visitors' ages.</summary>
    Task<PlacementReport> GetReportAsync(DateOnly day);

    /// <summary>Adds past days' zone figures (history from elsewhere, or the simulator); a day already held is replaced.</summary>
    Task ImportDaysAsync(ImmutableArray<ZoneDay> days);

    /// <summary>Starts an experiment: a placement change on <see cref="ExperimentRequest.ChangeDay"/>, compared over that many days before and after.</summary>
    Task<PlacementExperiment> StartExperimentAsync(ExperimentRequest request);

    /// <summary>Every experiment with its result so far, newest first.</summary>
    Task<ImmutableArray<PlacementExperiment>> GetExperimentsAsync();
}

/// <summary>A product display on the floor plan: where it stands (a zone of the hall) and what it shows.</summary>
[GenerateSerializer, Immutable]
public sealed record ProductDisplay(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Zone,
    [property: Id(3)] string Product);

/// <summary>One zone's day: people who entered it and the person-seconds spent there.</summary>
[GenerateSerializer, Immutable]
public sealed record ZoneDay(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] string Zone,
    [property: Id(2)] int Exposure,
    [property: Id(3)] double DwellSeconds);

[GenerateSerializer, Immutable]
public sealed record DisplayFigures(
    [property: Id(0)] ProductDisplay Display,
    [property: Id(1)] int Exposure,
    [property: Id(2)] double DwellSeconds,
    [property: Id(3)] double? DwellPerExposure,
    [property: Id(4)] bool Cold);

[GenerateSerializer, Immutable]
public sealed record DisplaySuggestionView(
    [property: Id(0)] string Product,
    [property: Id(1)] string Reason,
    [property: Id(2)] double Share);

[GenerateSerializer, Immutable]
public sealed record PlacementReport(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] ImmutableArray<DisplayFigures> Displays,
    [property: Id(2)] ImmutableArray<DisplaySuggestionView> Suggestions,
    [property: Id(3)] int RecentVisitors);

[GenerateSerializer, Immutable]
public sealed record ExperimentRequest(
    [property: Id(0)] string Name,
    [property: Id(1)] string DisplayId,
    [property: Id(2)] DateOnly ChangeDay,
    [property: Id(3)] int WindowDays,
    [property: Id(4)] string Change,
    [property: Id(5)] string StartedBy);

/// <summary>An experiment and where it stands: before and after means of dwell per passer-by, the test, and the conclusion.</summary>
[GenerateSerializer, Immutable]
public sealed record PlacementExperiment(
    [property: Id(0)] Guid Id,
    [property: Id(1)] ExperimentRequest Request,
    [property: Id(2)] string Zone,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] bool Finished,
    [property: Id(5)] int DaysBefore,
    [property: Id(6)] int DaysAfter,
    [property: Id(7)] double? MeanBefore,
    [property: Id(8)] double? MeanAfter,
    [property: Id(9)] double? PValue,
    [property: Id(10)] string Conclusion);
