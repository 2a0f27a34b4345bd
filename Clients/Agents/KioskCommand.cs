namespace OrleansHall.Clients.Agents;

/// <summary>A line typed at a kiosk agent: a transaction (by a customer who identified themselves, if named), a ticket request or a fault.</summary>
public sealed record KioskCommand(KioskCommandKind Kind, string Subject, string? Detail, string? Customer = null);
