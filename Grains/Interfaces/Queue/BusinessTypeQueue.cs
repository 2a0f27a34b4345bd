namespace OrleansHall.Queue;

/// <summary>The queue for one business type.</summary>
[GenerateSerializer, Immutable]
public sealed record BusinessTypeQueue(
    [property: Id(0)] string BusinessType,
    [property: Id(1)] int Waiting,
    [property: Id(2)] double LongestWaitMinutes,
    [property: Id(3)] double PredictedWaitMinutes);
