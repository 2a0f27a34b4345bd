using OrleansHall.Hall;

namespace OrleansHall.Device;

/// <summary>
/// A kiosk, ID-card reader, infrared sensor, guide screen or handheld in a hall, keyed "hall/device".
/// Devices beat every <see cref="HeartbeatPeriod"/>; one that misses two beats (<see cref="OfflineAfter"/>) is
/// reported offline within a few seconds more.
/// </summary>
public interface IDeviceGrain : IGrainWithStringKey
{
    static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(10);

    static readonly TimeSpan OfflineAfter = 2 * HeartbeatPeriod;

    /// <summary>Installs the device in its hall; the hall must exist.</summary>
    Task RegisterAsync(DeviceKind kind);

    /// <summary>The device is alive.</summary>
    Task HeartbeatAsync();

    /// <summary>A self-service transaction. Returns once durable.</summary>
    Task RecordUsageAsync(DeviceUsage usage);

    /// <summary>An infrared sensor counted people at the door. Returns once durable.</summary>
    Task RecordPassageAsync(Passage passage);

    /// <summary>The device is out of order (paper out, card reader jammed) until a repair is reported.</summary>
    Task ReportFaultAsync(DeviceFault fault);

    /// <summary>The open fault is fixed; its time to repair is logged. Refused when no fault is open.</summary>
    Task ReportRepairAsync(DeviceRepair repair);

    /// <summary>How full a consumable is (kiosk paper, receipt rolls), 0 to 1.</summary>
    Task ReportConsumableAsync(ConsumableLevel level);

    Task<DeviceStatus> GetStatusAsync();
}
