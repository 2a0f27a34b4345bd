using System.Diagnostics.Metrics;

namespace OrleansHall.Grains.Diagnostics;

/// <summary>
/// The application's one meter: every OrleansHall metric is an instrument of it (names start with "orleanshall.").
/// Labels carry kinds and outcomes only, never a hall, customer or staff id, so no personal data reaches a scraper.
/// The event log's and authorisation's instruments live beside their code; the grains' shared ones are here.
/// </summary>
public static class Telemetry
{
    public const string MeterName = "OrleansHall";

    public static readonly Meter Meter = new(MeterName);

    /// <summary>Camera frames by outcome: accepted, rejected (not a usable JPEG), dropped (replaced while waiting for analysis).</summary>
    public static readonly Counter<long> Frames = Meter.CreateCounter<long>("orleanshall.frames", description: "Camera frames by outcome.");

    /// <summary>Queue steps by kind: ticket-issued, ticket-called, ticket-started, ticket-completed, ticket-no-show.</summary>
    public static readonly Counter<long> TicketSteps = Meter.CreateCounter<long>("orleanshall.tickets", description: "Ticket steps acknowledged, by kind.");

    /// <summary>Alerts raised, by alert kind.</summary>
    public static readonly Counter<long> AlertsRaised = Meter.CreateCounter<long>("orleanshall.alerts.raised", description: "Alerts raised, by kind.");

    /// <summary>Storage operations that failed for want of the database (callers were told to retry).</summary>
    public static readonly Counter<long> StorageFailures = Meter.CreateCounter<long>("orleanshall.storage.faults", description: "Storage failures reported to callers as transient.");

    public static void Count(Counter<long> counter, string label, string value, long by = 1)
        => counter.Add(by, new KeyValuePair<string, object?>(label, value));
}
