namespace OrleansHall.Clients.Delivery;

/// <summary>Counters an operator reads on the status line.</summary>
public sealed record OutboxStats(int Backlog, long Sent, long Rejected, long Overflowed, long Retries);
