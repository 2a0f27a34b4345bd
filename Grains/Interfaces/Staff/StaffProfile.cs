namespace OrleansHall.Staff;

[GenerateSerializer, Immutable]
public sealed record StaffProfile(
    [property: Id(0)] string StaffId,
    [property: Id(1)] string Name,
    [property: Id(2)] StaffRole Role,
    [property: Id(3)] string HallId,
    [property: Id(4)] bool OnDuty);
