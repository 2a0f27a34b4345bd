using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using OrleansHall.Analytics.Placement;
using OrleansHall.Common;
using OrleansHall.Grains.Common;
using OrleansHall.Grains.Hall;
using OrleansHall.Hall;
using OrleansHall.Placement;

namespace OrleansHall.Grains.Placement;

[GenerateSerializer]
public sealed record HallPlacementState
{
    [Id(0)] public ImmutableArray<ProductDisplay> Displays { get; init; } = [];

    /// <summary>Per zone and day, newest last; at most <see cref="HallPlacementGrain.DaysKept"/> days.</summary>
    [Id(1)] public ImmutableArray<ZoneDay> Days { get; init; } = [];

    [Id(2)] public ImmutableArray<ExperimentRecord> Experiments { get; init; } = [];
}

[GenerateSerializer, Immutable]
public sealed record ExperimentRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] ExperimentRequest Request,
    [property: Id(2)] string Zone,
    [property: Id(3)] DateTimeOffset StartedAt);

/// <summary>
/// Product placement of one hall. Every 15 minutes (a reminder, so it also runs after restarts) the hall's camera
/// figures for today are sampled: a zone's exposure is the people who walked into it, its dwell the person-seconds
/// there. An experiment compares a display's daily dwell per passer-by before and after a placement change.
/// </summary>
public sealed class HallPlacementGrain(
    [PersistentState("placement", StorageNames.Grains)] IPersistentState<HallPlacementState> state,
    [FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock) : Grain, IHallPlacementGrain, IRemindable
{
    public const int DaysKept = 180;
    public const int MaxDisplays = 50;
    public const double Alpha = 0.05;
    private const string SampleReminder = "placement-sample";

    private string HallId => this.GetPrimaryKeyString();

    public async Task ConfigureDisplaysAsync(ImmutableArray<ProductDisplay> displays, string who)
    {
        Keys.Validate(who, "who");
        var config = await GrainFactory.GetGrain<IHallGrain>(HallId).GetConfigAsync();
        var list = displays.IsDefault ? [] : displays;
        if (list.Length > MaxDisplays)
        {
            throw new RejectedRequestException($"At most {MaxDisplays} displays per hall, got {list.Length}.");
        }

        foreach (var d in list)
        {
            Keys.Validate(d.Id, "display id");
            if (!config.Zones.Contains(d.Zone))
            {
                throw new RejectedRequestException($"Display '{d.Id}' stands in zone '{Events.LogText.Clean(d.Zone)}', which hall '{HallId}' does not have; its zones are {string.Join(", ", config.Zones)}.");
            }

            if (string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 100 || string.IsNullOrWhiteSpace(d.Product) || d.Product.Length > 100)
            {
                throw new RejectedRequestException($"Display '{d.Id}' needs a name and a product of 1-100 characters.");
            }
        }

        if (list.Select(d => d.Id).Distinct().Count() != list.Length)
        {
            throw new RejectedRequestException("Display ids must be unique.");
        }

        await state.SaveAsync(state.State with { Displays = list }, this);
        if (!list.IsEmpty && await this.GetReminder(SampleReminder) is null)
        {
            await this.RegisterOrUpdateReminder(SampleReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15));
        }
    }

    public Task<ImmutableArray<ProductDisplay>> GetDisplaysAsync() => Task.FromResult(state.State.Displays);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var snapshot = await GrainFactory.GetGrain<IHallGrain>(HallId).GetSnapshotAsync();
        var today = LocalDay.Today(clock);
        var transitions = snapshot.Vision.Transitions.IsDefault ? [] : snapshot.Vision.Transitions;
        var sampled = snapshot.Vision.Zones
            .Select(z => new ZoneDay(today, z.Zone, transitions.Where(t => t.To == z.Zone).Sum(t => t.Count), z.DwellSeconds))
            .ToImmutableArray();
        await state.SaveAsync(state.State with { Days = Merge(state.State.Days, sampled, today) }, this);
    }

    public async Task ImportDaysAsync(ImmutableArray<ZoneDay> days)
    {
        foreach (var d in days)
        {
            if (d.Exposure < 0 || !double.IsFinite(d.DwellSeconds) || d.DwellSeconds < 0)
            {
                throw new RejectedRequestException($"Zone '{Events.LogText.Clean(d.Zone)}' on {d.Day}: exposure and dwell must be 0 or more.");
            }
        }

        await state.SaveAsync(state.State with { Days = Merge(state.State.Days, days, LocalDay.Today(clock)) }, this);
    }

    public async Task<PlacementReport> GetReportAsync(DateOnly day)
    {
        var figures = state.State.Displays.Select(d => (Display: d, Day: ZoneOn(d.Zone, day))).ToList();
        var cold = ColdDisplays.Find([.. figures.Select(f => new DisplayDay(f.Display.Id, f.Day?.Exposure ?? 0, f.Day?.DwellSeconds ?? 0))]);
        var demographics = (await GrainFactory.GetGrain<IHallGrain>(HallId).GetSnapshotAsync()).Vision.Demographics;
        var visitors = demographics.Select(g => new VisitorGroup(g.AgeBand, g.Gender, g.Visitors)).ToList();
        return new PlacementReport(
            day,
            [.. figures.Select(f => new DisplayFigures(f.Display, f.Day?.Exposure ?? 0, f.Day?.DwellSeconds ?? 0,
                f.Day is { Exposure: > 0 } z ? z.DwellSeconds / z.Exposure : null, cold.Contains(f.Display.Id)))],
            [.. DisplayAdvisor.Suggest(visitors).Select(s => new DisplaySuggestionView(s.Product, s.Reason, s.Score))],
            visitors.Sum(v => v.Visitors));
    }

    public async Task<PlacementExperiment> StartExperimentAsync(ExperimentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Keys.Validate(request.StartedBy, "started by");
        var display = state.State.Displays.FirstOrDefault(d => d.Id == request.DisplayId)
            ?? throw new RejectedRequestException($"Hall '{HallId}' has no display '{Events.LogText.Clean(request.DisplayId)}'.");
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100 || request.Change is null || request.Change.Length > 500)
        {
            throw new RejectedRequestException("An experiment needs a name of 1-100 characters and a description of the change of at most 500.");
        }

        if (request.WindowDays is < 2 or > 60)
        {
            throw new RejectedRequestException($"Compare 2-60 days before and after the change, not {request.WindowDays}.");
        }

        var record = new ExperimentRecord(Guid.NewGuid(), request, display.Zone, clock.GetUtcNow());
        await state.SaveAsync(state.State with { Experiments = state.State.Experiments.Add(record) }, this);
        return Judge(record);
    }

    public Task<ImmutableArray<PlacementExperiment>> GetExperimentsAsync()
        => Task.FromResult<ImmutableArray<PlacementExperiment>>([.. state.State.Experiments.OrderByDescending(e => e.StartedAt).Select(Judge)]);

    private PlacementExperiment Judge(ExperimentRecord e)
    {
        var r = e.Request;
        var today = LocalDay.Today(clock);
        var before = Window(e.Zone, r.ChangeDay.AddDays(-r.WindowDays), r.ChangeDay);
        // Today is not over: only whole days count after the change.
        var afterEnd = r.ChangeDay.AddDays(r.WindowDays) < today ? r.ChangeDay.AddDays(r.WindowDays) : today;
        var after = Window(e.Zone, r.ChangeDay, afterEnd);
        var finished = today >= r.ChangeDay.AddDays(r.WindowDays);
        if (before.Count < 2 || after.Count < 2)
        {
            return new PlacementExperiment(e.Id, r, e.Zone, e.StartedAt, finished, before.Count, after.Count, Mean(before), Mean(after), null,
                $"Waiting for data: {before.Count} days with passers-by before the change and {after.Count} after; at least 2 each are needed.");
        }

        var test = WelchTest.Compare(before, after);
        var direction = test.Change >= 0 ? "rose" : "fell";
        var verdict = test.SignificantAt(Alpha)
            ? $"significant at {Alpha:P0}: the change {(test.Change >= 0 ? "helped" : "hurt")}"
            : $"not significant at {Alpha:P0}: no evidence the change made a difference";
        var conclusion = $"{(finished ? "" : "So far: ")}dwell per passer-by {direction} from {test.MeanBefore:F1} s to {test.MeanAfter:F1} s" +
            (test.RelativeChange is { } rel ? $" ({rel:+0%;-0%})" : "") + $" over {test.BeforeCount} days before and {test.AfterCount} after; Welch t = {test.T:F2}, {(test.PValue < 0.001 ? "p < 0.001" : $"p = {test.PValue:F3}")}, {verdict}.";
        return new PlacementExperiment(e.Id, r, e.Zone, e.StartedAt, finished, test.BeforeCount, test.AfterCount, test.MeanBefore, test.MeanAfter, test.PValue, conclusion);
    }

    /// <summary>Daily dwell per passer-by of the zone on days in [from, to) with anyone passing.</summary>
    private List<double> Window(string zone, DateOnly from, DateOnly to)
        => [.. state.State.Days.Where(d => d.Zone == zone && d.Day >= from && d.Day < to && d.Exposure > 0).Select(d => d.DwellSeconds / d.Exposure)];

    private static double? Mean(List<double> values) => values.Count == 0 ? null : values.Average();

    private ZoneDay? ZoneOn(string zone, DateOnly day) => state.State.Days.FirstOrDefault(d => d.Zone == zone && d.Day == day);

    private static ImmutableArray<ZoneDay> Merge(ImmutableArray<ZoneDay> held, IEnumerable<ZoneDay> incoming, DateOnly today)
    {
        var merged = held.ToDictionary(d => (d.Day, d.Zone));
        foreach (var d in incoming)
        {
            merged[(d.Day, d.Zone)] = d;
        }

        var oldest = today.AddDays(-DaysKept);
        return [.. merged.Values.Where(d => d.Day >= oldest).OrderBy(d => d.Day).ThenBy(d => d.Zone, StringComparer.Ordinal)];
    }
}
