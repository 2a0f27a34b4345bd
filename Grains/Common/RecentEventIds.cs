using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansHall.Grains.Common;

/// <summary>
/// The ids of the last events a grain applied, kept in its state so a device that re-sends a reading after a
/// reconnect (because it never saw the acknowledgement) is not counted twice. A device re-sends only what it
/// has not seen acknowledged, oldest first, so a short window is enough; it is stored as one base64 string
/// (22 bytes an id instead of 39) because the state is rewritten on every event.
/// </summary>
[JsonConverter(typeof(RecentEventIdsJsonConverter))]
public sealed record RecentEventIds(ImmutableArray<Guid> Ids)
{
    public const int Capacity = 64;

    public static RecentEventIds Empty { get; } = new(ImmutableArray<Guid>.Empty);

    public bool Contains(Guid id) => !Ids.IsDefault && Ids.Contains(id);

    public RecentEventIds Add(Guid id)
    {
        var ids = Ids.IsDefault ? ImmutableArray<Guid>.Empty : Ids;
        ids = ids.Add(id);
        return new RecentEventIds(ids.Length > Capacity ? ids.RemoveRange(0, ids.Length - Capacity) : ids);
    }
}

/// <summary>Writes the ids as one base64 string of 16-byte values; also reads the older form, an object with an id array.</summary>
public sealed class RecentEventIdsJsonConverter : JsonConverter<RecentEventIds>
{
    public override RecentEventIds Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var bytes = reader.GetBytesFromBase64();
                if (bytes.Length % 16 != 0)
                {
                    throw new JsonException($"Recent event ids hold {bytes.Length} bytes, expected a multiple of 16.");
                }

                return new RecentEventIds([.. Enumerable.Range(0, bytes.Length / 16).Select(i => new Guid(bytes.AsSpan(i * 16, 16)))]);
            case JsonTokenType.StartObject:
                var ids = ImmutableArray.CreateBuilder<Guid>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    if (reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var id))
                    {
                        ids.Add(id);
                    }
                }

                return new RecentEventIds(ids.ToImmutable());
            case JsonTokenType.Null:
                return RecentEventIds.Empty;
            default:
                throw new JsonException($"Recent event ids: unexpected {reader.TokenType}, expected a base64 string.");
        }
    }

    public override void Write(Utf8JsonWriter writer, RecentEventIds value, JsonSerializerOptions options)
    {
        var ids = value.Ids.IsDefault ? [] : value.Ids;
        var bytes = new byte[ids.Length * 16];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i].TryWriteBytes(bytes.AsSpan(i * 16, 16));
        }

        writer.WriteBase64StringValue(bytes);
    }
}
