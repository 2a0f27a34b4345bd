using OrleansHall.Queue;

namespace OrleansHall.Grains.Queue;

[GenerateSerializer]
public sealed record ProcessedRequest([property: Id(0)] Guid EventId, [property: Id(1)] Ticket Ticket);
