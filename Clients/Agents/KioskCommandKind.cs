namespace OrleansHall.Clients.Agents;

public enum KioskCommandKind
{
    Use,
    Ticket,
    Fault,
}
