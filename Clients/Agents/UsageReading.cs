using OrleansHall.Device;

namespace OrleansHall.Clients.Agents;

public sealed record UsageReading(string HallId, string DeviceId, DeviceUsage Usage) : Reading(HallId, DeviceId)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override Guid EventId => Usage.EventId;

    public override Task SendAsync(IGrainFactory grains) =>
        grains.GetGrain<IDeviceGrain>(DeviceKey).RecordUsageAsync(Usage);

    public override string Describe() => $"{Usage.BusinessType} usage at {DeviceKey}";
}
