namespace OrleansHall.Queue;

/// <summary>
/// A counter clerk acts: calls the next ticket (<paramref name="TicketNumber"/> null), or starts, completes
/// or marks a no-show on the named ticket.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CounterAction(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string Counter,
    [property: Id(2)] string? TicketNumber = null,
    [property: Id(3)] string? StaffId = null);
