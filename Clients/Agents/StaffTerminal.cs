using OrleansHall.Staff;

namespace OrleansHall.Clients.Agents;

/// <summary>The handheld's end of the push channel: hands each push to the printer.</summary>
public sealed class StaffTerminal(Action<StaffPush> received) : IStaffTerminal
{
    public Task ReceiveAsync(StaffPush push)
    {
        received(push);
        return Task.CompletedTask;
    }
}
