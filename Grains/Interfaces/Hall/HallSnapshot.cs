using System.Collections.Immutable;
using OrleansHall.Camera;
using OrleansHall.Device;
using OrleansHall.Queue;

namespace OrleansHall.Hall;

/// <summary>Everything a hall manager sees at a glance, as of <paramref name="At"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record HallSnapshot(
    [property: Id(0)] string HallId,
    [property: Id(1)] string Name,
    [property: Id(2)] string RegionId,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int Occupancy,
    [property: Id(5)] int Capacity,
    [property: Id(6)] int EntriesToday,
    [property: Id(7)] int ExitsToday,
    [property: Id(8)] QueueSummary Queue,
    [property: Id(9)] ImmutableArray<DeviceStatus> Devices,
    [property: Id(10)] ImmutableArray<CameraStatus> Cameras,
    [property: Id(11)] ImmutableArray<string> StaffOnDuty,
    [property: Id(12)] ImmutableArray<HallAlert> Alerts,
    [property: Id(13)] HallVision Vision)
{
    public int DevicesOnline => Devices.Count(d => d.Online);

    public int DevicesOffline => Devices.Length - DevicesOnline;

    public int KioskTransactionsToday => Devices.Sum(d => d.UsesToday);
}
