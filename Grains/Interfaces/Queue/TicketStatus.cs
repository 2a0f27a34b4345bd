namespace OrleansHall.Queue;

public enum TicketStatus
{
    Waiting = 0,
    Called = 1,
    Serving = 2,
    Completed = 3,
    NoShow = 4,
}
