namespace OrleansHall.Clients.Agents;

/// <summary>A line typed at a kiosk agent: a transaction, a ticket request or a fault.</summary>
public sealed record KioskCommand(KioskCommandKind Kind, string Subject, string? Detail);
