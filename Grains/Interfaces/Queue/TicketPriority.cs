namespace OrleansHall.Queue;

/// <summary>
/// Who is called first: VIP before special needs (elderly, disabled, pregnant) before regular; first come,
/// first served within a priority. A regular ticket waiting longer than the queue's ageing limit is
/// treated as special needs so nobody waits forever.
/// </summary>
public enum TicketPriority
{
    Regular = 0,
    SpecialNeeds = 1,
    Vip = 2,
}
