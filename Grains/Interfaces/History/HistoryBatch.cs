using System.Collections.Immutable;
using OrleansHall.Device;
using OrleansHall.Queue;

namespace OrleansHall.History;

/// <summary>
/// Past activity of a hall to add to its event log (simulated history, or an import): door passages, finished
/// tickets with all their times, device uses. Ids make a re-sent batch count once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HistoryBatch(
    [property: Id(0)] ImmutableArray<PastPassage> Passages,
    [property: Id(1)] ImmutableArray<PastTicket> Tickets,
    [property: Id(2)] ImmutableArray<PastDeviceUse> DeviceUses);

[GenerateSerializer, Immutable]
public sealed record PastPassage(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] int Entries,
    [property: Id(3)] int Exits,
    [property: Id(4)] DateTimeOffset At);

/// <summary>A ticket that was completed or marked a no-show; its events get ids derived from <see cref="EventId"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record PastTicket(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] Ticket Ticket);

[GenerateSerializer, Immutable]
public sealed record PastDeviceUse(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] DeviceKind Kind,
    [property: Id(3)] string BusinessType,
    [property: Id(4)] bool Succeeded,
    [property: Id(5)] DateTimeOffset At);
