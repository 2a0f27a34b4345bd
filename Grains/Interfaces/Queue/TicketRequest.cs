namespace OrleansHall.Queue;

/// <summary>A customer asks for a ticket at the kiosk or the guide desk.</summary>
[GenerateSerializer, Immutable]
public sealed record TicketRequest(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string BusinessType,
    [property: Id(2)] string? CustomerId = null);
