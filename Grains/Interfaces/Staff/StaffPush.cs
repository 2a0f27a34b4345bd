namespace OrleansHall.Staff;

/// <summary>A message pushed to a staff member's handheld: a ticket to serve, a strategy card for a customer at the door, an alert.</summary>
[GenerateSerializer, Immutable]
public sealed record StaffPush(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Message,
    [property: Id(2)] string HallId,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? TicketNumber = null,
    [property: Id(5)] string? CustomerId = null,
    [property: Id(6)] Guid? AlertId = null,
    [property: Id(7)] OrleansHall.Customer.StrategyCard? Card = null);
