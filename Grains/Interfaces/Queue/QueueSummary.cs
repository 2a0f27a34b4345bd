using System.Collections.Immutable;

namespace OrleansHall.Queue;

/// <summary>Queue KPIs of a hall for today.</summary>
[GenerateSerializer, Immutable]
public sealed record QueueSummary(
    [property: Id(0)] int Waiting,
    [property: Id(1)] double LongestWaitMinutes,
    [property: Id(2)] int IssuedToday,
    [property: Id(3)] int CompletedToday,
    [property: Id(4)] int NoShowsToday,
    [property: Id(5)] double AverageWaitMinutes,
    [property: Id(6)] double AverageHandlingMinutes,
    [property: Id(7)] ImmutableArray<BusinessTypeQueue> ByType,
    [property: Id(8)] ImmutableArray<CounterStatus> Counters,
    [property: Id(9)] double LongestVipWaitMinutes = 0)
{
    public static QueueSummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, [], []);
}
