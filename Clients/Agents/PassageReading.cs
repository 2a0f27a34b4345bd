using OrleansHall.Device;
using OrleansHall.Hall;

namespace OrleansHall.Clients.Agents;

public sealed record PassageReading(string HallId, string DeviceId, Passage Passage) : Reading(HallId, DeviceId)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override Guid EventId => Passage.EventId;

    public override Task SendAsync(IGrainFactory grains) =>
        grains.GetGrain<IDeviceGrain>(DeviceKey).RecordPassageAsync(Passage);

    public override string Describe() => $"passage in {Passage.Entries} out {Passage.Exits} at {DeviceKey}";
}
