namespace OrleansHall.Grains.Queue;

[GenerateSerializer]
public sealed record CounterState(
    [property: Id(0)] bool Open,
    [property: Id(1)] string? StaffId,
    [property: Id(2)] string? CurrentTicket,
    [property: Id(3)] int ServedToday);
