namespace OrleansHall.Clients.Verbs;

public enum QueueAction
{
    Issue,
    Call,
    Start,
    Complete,
    NoShow,
    Status,
    Open,
    Close,
}
