namespace OrleansHall.Grains.Events;

/// <summary>
/// One acknowledged business event (an entry, a ticket transition, a kiosk transaction), as stored in the
/// append-only <c>hall_events</c> table. <see cref="Id"/> comes from the device or the caller so a retried
/// event is stored once.
/// </summary>
public sealed record HallEvent(Guid Id, string HallId, string Kind, string Subject, DateTimeOffset At, string PayloadJson);
