using System.Collections.Immutable;
using OrleansHall.Grains.Events;

namespace OrleansHall.Grains.Common;

/// <summary>
/// Kept inside a grain's state: which events the grain applied (so a re-sent one is not applied twice) and which
/// of them are applied but not yet confirmed in <c>hall_events</c>. An event is saved with the state first and
/// logged second; if logging fails it waits here, survives a restart, and is logged by the next commit or retry.
/// Normally <see cref="Unlogged"/> is empty, so this costs a few hundred bytes of state.
/// </summary>
[GenerateSerializer]
public sealed record EventJournal
{
    public static EventJournal Empty { get; } = new();

    [Id(0)] public RecentEventIds Applied { get; init; } = RecentEventIds.Empty;

    [Id(1)] public ImmutableArray<HallEvent> Unlogged { get; init; } = [];

    public bool Contains(Guid eventId) => Applied.Contains(eventId);

    public HallEvent? FindUnlogged(Guid eventId) => Unlogged.IsDefault ? null : Unlogged.FirstOrDefault(e => e.Id == eventId);

    public EventJournal Record(HallEvent applied)
        => this with { Applied = Applied.Add(applied.Id), Unlogged = (Unlogged.IsDefault ? [] : Unlogged).Add(applied) };

    public EventJournal Logged(IReadOnlyCollection<HallEvent> logged)
        => Unlogged.IsDefault ? this : this with { Unlogged = Unlogged.RemoveAll(e => logged.Any(l => l.Id == e.Id)) };
}

/// <summary>A grain state that carries an <see cref="EventJournal"/>.</summary>
public interface IJournaled<TSelf> where TSelf : IJournaled<TSelf>
{
    EventJournal Journal { get; }

    TSelf WithJournal(EventJournal journal);
}
