using OrleansHall.Common;
using System.Text.Json.Serialization;

namespace OrleansHall.Clients.Agents;

/// <summary>Something a device measured that must reach the cluster exactly once (by its EventId), even after an outage.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(PassageReading), "passage")]
[JsonDerivedType(typeof(UsageReading), "usage")]
public abstract record Reading(string HallId, string DeviceId)
{
    [JsonIgnore]
    public string DeviceKey => Keys.Join(HallId, DeviceId);

    /// <summary>Chosen when the reading is taken; the cluster stores a reading once per id.</summary>
    [JsonIgnore]
    public abstract Guid EventId { get; }

    public abstract Task SendAsync(IGrainFactory grains);

    public abstract string Describe();
}
