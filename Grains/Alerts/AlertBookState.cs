using System.Collections.Immutable;
using OrleansHall.Alerts;
using OrleansHall.Grains.Common;
using OrleansHall.Hall;

namespace OrleansHall.Grains.Alerts;

/// <summary>A hall's alert book: its rules (null until edited: the defaults from the hall's layout), open and recent alerts.</summary>
[GenerateSerializer]
public sealed record AlertBookState : IJournaled<AlertBookState>
{
    public const int RecentKept = 50;

    [Id(0)] public AlertSettings? Settings { get; init; }

    [Id(1)] public ImmutableArray<HallAlert> Open { get; init; } = [];

    /// <summary>Resolved alerts, newest first, at most <see cref="RecentKept"/>; older ones live in the event log.</summary>
    [Id(2)] public ImmutableArray<HallAlert> Recent { get; init; } = [];

    /// <summary>When each rule's last alert was resolved, for its cool-down.</summary>
    [Id(3)] public ImmutableDictionary<string, DateTimeOffset> LastResolved { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;

    [Id(4)] public EventJournal Journal { get; init; } = EventJournal.Empty;

    public AlertBookState WithJournal(EventJournal journal) => this with { Journal = journal };
}
