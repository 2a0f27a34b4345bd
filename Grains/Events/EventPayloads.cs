using System.Text.Json.Serialization;
using OrleansHall.Device;

namespace OrleansHall.Grains.Events;

/// <summary>The payload of a "passage" event: people through the door, in and out.</summary>
public sealed record PassagePayload(int Entries, int Exits);

/// <summary>
/// The payload of a "device-usage" event; <see cref="Kind"/> is the <see cref="DeviceKind"/> by name, absent in events
/// logged before it was added.
/// </summary>
public sealed record DeviceUsagePayload(string? BusinessType, bool Succeeded, string? Kind = null)
{
    [JsonIgnore]
    public DeviceKind? DeviceKind => Enum.TryParse<DeviceKind>(Kind, out var kind) ? kind : null;
}

/// <summary>Event kinds the history reads back.</summary>
public static class EventKinds
{
    public const string Passage = "passage";
    public const string DeviceUsage = "device-usage";
    public const string TicketIssued = "ticket-issued";
    public const string TicketCalled = "ticket-called";
    public const string TicketStarted = "ticket-started";
    public const string TicketCompleted = "ticket-completed";
    public const string TicketNoShow = "ticket-no-show";
    public const string Alert = "alert";
}
