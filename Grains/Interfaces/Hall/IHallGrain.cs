using Orleans.Concurrency;
using System.Collections.Immutable;
using OrleansHall.Camera;
using OrleansHall.Device;
using OrleansHall.Queue;

namespace OrleansHall.Hall;

/// <summary>One walk-in service hall: its layout, who is inside, its queue and devices, and its alerts.</summary>
public interface IHallGrain : IGrainWithStringKey
{
    /// <summary>Opens the hall (or changes its layout); devices, cameras and queues can join only an opened hall.</summary>
    Task ConfigureAsync(HallConfig config);

    /// <summary>
    /// The hall's layout; throws <see cref="Common.UnknownEntityException"/> for a hall never opened. Only reads, so
    /// it interleaves: the hall's alert book, forecast and queue may ask while the hall is waiting on one of them.
    /// </summary>
    [AlwaysInterleave]
    Task<HallConfig> GetConfigAsync();

    /// <summary>Whether the hall was ever opened. Only reads, so it interleaves like <see cref="GetConfigAsync"/>.</summary>
    [AlwaysInterleave]
    Task<bool> ExistsAsync();

    /// <summary>People passed the entry sensor. Returns once the reading is durable.</summary>
    Task RecordPassageAsync(string deviceId, Passage passage);

    Task<HallSnapshot> GetSnapshotAsync();

    /// <summary>
    /// Entries and exits per 15-minute interval for the current day, oldest first, from the first interval with a
    /// passage up to now; quiet intervals are included with zeros.
    /// </summary>
    Task<ImmutableArray<FlowBucket>> GetTodayFlowAsync();

    /// <summary>Registers for live snapshots; subscriptions expire after a few minutes, so renew them.</summary>
    Task SubscribeAsync(IHallObserver observer);

    Task UnsubscribeAsync(IHallObserver observer);

    /// <summary>The hall's queue changed (called by its queue grain).</summary>
    Task QueueChangedAsync(QueueSummary queue);

    /// <summary>One of the hall's devices changed (called by the device grain).</summary>
    Task DeviceChangedAsync(DeviceStatus device);

    /// <summary>One of the hall's cameras changed (called by the camera grain).</summary>
    Task CameraChangedAsync(CameraStatus camera);

    /// <summary>The hall's alert book changed its open alerts (acknowledged or resolved by someone); one-way.</summary>
    [OneWay]
    Task AlertsChangedAsync(ImmutableArray<HallAlert> open);

    /// <summary>What one of the hall's cameras saw since its last report (called by the camera grain).</summary>
    Task RecordVisionAsync(VisionReport report);

    /// <summary>A strategy card went to the staff (called when a camera recognises a customer); the console shows today's latest.</summary>
    Task CardSentAsync(OrleansHall.Customer.StrategyCard card);

    /// <summary>A staff member of this hall went on or off duty, or changed role while on duty.</summary>
    Task StaffDutyChangedAsync(string staffId, bool onDuty);

    /// <summary>
    /// Tells the staff on duty here: a VIP took a ticket, a recognised customer's strategy card, a raised alert. The
    /// hall knows who is on duty and in which role. One-way, like the pushes it sends: a notice is not an acknowledged
    /// event, and no sender waits on the hall.
    /// </summary>
    [OneWay]
    Task NotifyStaffAsync(OrleansHall.Staff.StaffNotice notice);

    /// <summary>
    /// A customer was erased: drops their strategy cards from the hall and their face from its visitor ledger, and
    /// returns the staff members the hall has sent cards to (on duty or not), whose handhelds must forget them too (the
    /// caller tells them: the hall does not wait on staff, who report to it).
    /// </summary>
    Task<System.Collections.Immutable.ImmutableSortedSet<string>> ForgetCustomerAsync(string customerId);
}
