using System.Collections.Immutable;
using OrleansHall.Device;
using OrleansHall.Grains.Common;

namespace OrleansHall.Grains.Device;

[GenerateSerializer]
public sealed record DeviceState : IJournaled<DeviceState>
{
    [Id(0)] public DeviceKind? Kind { get; init; }

    [Id(1)] public DateTimeOffset? LastHeartbeat { get; init; }

    [Id(2)] public DateOnly Day { get; init; }

    [Id(3)] public int UsesToday { get; init; }

    [Id(4)] public int FaultsToday { get; init; }

    [Id(5)] public string? LastFault { get; init; }

    [Id(6)] public EventJournal Journal { get; init; } = EventJournal.Empty;

    /// <summary>The fault the device is in now (code and message), and since when; null when it works.</summary>
    [Id(7)] public string? OpenFault { get; init; }

    [Id(8)] public DateTimeOffset? OpenFaultSince { get; init; }

    [Id(9)] public int RepairsToday { get; init; }

    [Id(10)] public double RepairMinutesToday { get; init; }

    [Id(11)] public ImmutableDictionary<string, double> Consumables { get; init; } = ImmutableDictionary<string, double>.Empty;

    public DeviceState WithJournal(EventJournal journal) => this with { Journal = journal };
}
