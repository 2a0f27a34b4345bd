using System.Text.Json;
using OrleansHall.Grains.Events;

namespace OrleansHall.Grains.Common;

/// <summary>Builds log events with a JSON payload in one consistent shape.</summary>
public static class EventFactory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static HallEvent Create<T>(Guid id, string hallId, string kind, string subject, DateTimeOffset at, T payload)
        => new(id, hallId, kind, subject, at, JsonSerializer.Serialize(payload, Json));
}
