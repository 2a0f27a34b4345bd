namespace OrleansHall.Customer;

/// <summary>A booked visit: where, when, what for, and the account manager who will see the customer (if any).</summary>
[GenerateSerializer, Immutable]
public sealed record Appointment(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string HallId,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string BusinessType,
    [property: Id(4)] string? AccountManagerId,
    [property: Id(5)] DateTimeOffset BookedAt,
    [property: Id(6)] string BookedBy);
