using OrleansHall.Hall;

namespace OrleansHall.Web.Services;

/// <summary>Receives the snapshots hall grains push to the console and hands them to <see cref="HallLiveService"/>.</summary>
public sealed class HallObserver(Action<HallSnapshot> onSnapshot) : IHallObserver
{
    public Task OnSnapshotAsync(HallSnapshot snapshot)
    {
        onSnapshot(snapshot);
        return Task.CompletedTask;
    }
}
