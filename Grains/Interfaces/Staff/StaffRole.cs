namespace OrleansHall.Staff;

public enum StaffRole
{
    CounterClerk = 0,
    FloatingGuide = 1,
    AccountManager = 2,
    HallManager = 3,
}
