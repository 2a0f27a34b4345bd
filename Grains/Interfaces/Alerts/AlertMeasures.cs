using System.Collections.Immutable;

namespace OrleansHall.Alerts;

/// <summary>What a hall measures right now, for its alert book to judge.</summary>
[GenerateSerializer, Immutable]
public sealed record AlertMeasures(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int Occupancy,
    [property: Id(2)] int Waiting,
    [property: Id(3)] double LongestWaitMinutes,
    [property: Id(4)] double LongestVipWaitMinutes,
    [property: Id(5)] ImmutableArray<string> OfflineDevices,
    [property: Id(6)] ImmutableArray<string> UnstaffedCounters,
    [property: Id(7)] int EntriesThisSlot,
    [property: Id(9)] ImmutableArray<string> FaultyDevices = default,
    [property: Id(10)] ImmutableArray<string> LowConsumables = default,
    [property: Id(11)] double LongestSelfServiceStayMinutes = 0);
