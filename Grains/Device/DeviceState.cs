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

    public DeviceState WithJournal(EventJournal journal) => this with { Journal = journal };
}
