using System.Diagnostics.Metrics;

namespace OrleansHall.Grains.Diagnostics;

/// <summary>The application's one meter: every OrleansHall metric is an instrument of it (names start with "orleanshall.").</summary>
public static class Telemetry
{
    public const string MeterName = "OrleansHall";

    public static readonly Meter Meter = new(MeterName);
}
