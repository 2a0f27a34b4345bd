using Orleans.Concurrency;

namespace OrleansHall.Staff;

/// <summary>A staff member's handheld terminal, subscribed to their pushes.</summary>
public interface IStaffTerminal : IGrainObserver
{
    [OneWay]
    Task ReceiveAsync(StaffPush push);
}
