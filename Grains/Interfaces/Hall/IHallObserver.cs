using Orleans.Concurrency;

namespace OrleansHall.Hall;

/// <summary>A console page or big screen that wants the hall's live snapshot pushed to it.</summary>
public interface IHallObserver : IGrainObserver
{
    /// <summary>The hall changed; at most a few snapshots a second are sent.</summary>
    [OneWay]
    Task OnSnapshotAsync(HallSnapshot snapshot);
}
