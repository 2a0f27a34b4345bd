using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansHall.Grains.Events;

namespace OrleansHall.Grains.Common;

/// <summary>Builds log events with a JSON payload in one consistent shape, every string storable (see <see cref="LogText"/>).</summary>
public static class EventFactory
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new CleanStringConverter() } };

    public static HallEvent Create<T>(Guid id, string hallId, string kind, string subject, DateTimeOffset at, T payload)
        => new(id, LogText.Clean(hallId), kind, LogText.Clean(subject), at, JsonSerializer.Serialize(payload, Json));

    public static T? Payload<T>(HallEvent hallEvent) => JsonSerializer.Deserialize<T>(hallEvent.PayloadJson, Json);

    private sealed class CleanStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(LogText.Clean(value));
    }
}
