namespace OrleansHall.Queue;

/// <summary>A service counter: open or closed, who staffs it, which ticket it is on.</summary>
[GenerateSerializer, Immutable]
public sealed record CounterStatus(
    [property: Id(0)] string Counter,
    [property: Id(1)] bool Open,
    [property: Id(2)] string? StaffId,
    [property: Id(3)] string? CurrentTicket,
    [property: Id(4)] int ServedToday);
