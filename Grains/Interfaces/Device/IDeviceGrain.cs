using OrleansHall.Hall;

namespace OrleansHall.Device;

/// <summary>
/// A kiosk, ID-card reader, infrared sensor, guide screen or handheld in a hall, keyed "hall/device".
/// A device that misses heartbeats for <see cref="OfflineAfter"/> is reported offline.
/// </summary>
public interface IDeviceGrain : IGrainWithStringKey
{
    static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(30);

    /// <summary>Installs the device in its hall; the hall must exist.</summary>
    Task RegisterAsync(DeviceKind kind);

    /// <summary>The device is alive.</summary>
    Task HeartbeatAsync();

    /// <summary>A self-service transaction. Returns once durable.</summary>
    Task RecordUsageAsync(DeviceUsage usage);

    /// <summary>An infrared sensor counted people at the door. Returns once durable.</summary>
    Task RecordPassageAsync(Passage passage);

    Task ReportFaultAsync(DeviceFault fault);

    Task<DeviceStatus> GetStatusAsync();
}
