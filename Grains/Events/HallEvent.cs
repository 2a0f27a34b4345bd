namespace OrleansHall.Grains.Events;

/// <summary>
/// One acknowledged business event (an entry, a ticket transition, a kiosk transaction), as stored in the
/// append-only <c>hall_events</c> table. <see cref="Id"/> comes from the device or the caller so a retried
/// event is stored once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HallEvent(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string HallId,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Subject,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string PayloadJson);
