using System.Collections.Immutable;
using OrleansHall.Grains.Common;
using OrleansHall.Queue;

namespace OrleansHall.Grains.Queue;

/// <summary>
/// A hall's queue for one local day. Only open tickets (waiting, called, serving) are kept; finished ones live
/// on as events in the log and as today's sums here, so the state stays small on a busy day.
/// </summary>
[GenerateSerializer]
public sealed record QueueState : IJournaled<QueueState>
{
    [Id(0)] public DateOnly Day { get; init; }

    [Id(1)] public ImmutableDictionary<string, int> IssuedByType { get; init; } = ImmutableDictionary<string, int>.Empty;

    [Id(2)] public ImmutableArray<Ticket> Open { get; init; } = [];

    [Id(3)] public ImmutableDictionary<string, CounterState> Counters { get; init; } = ImmutableDictionary<string, CounterState>.Empty;

    [Id(4)] public int Completed { get; init; }

    [Id(5)] public int NoShows { get; init; }

    [Id(6)] public double WaitMinutesSum { get; init; }

    [Id(7)] public int WaitCount { get; init; }

    [Id(8)] public double HandlingMinutesSum { get; init; }

    /// <summary>The last few handling times per business type, in minutes, newest last; they drive predicted waits.</summary>
    [Id(9)] public ImmutableDictionary<string, ImmutableArray<double>> RecentHandling { get; init; } =
        ImmutableDictionary<string, ImmutableArray<double>>.Empty;

    /// <summary>
    /// The ids of the last requests applied, so a re-sent request is not applied twice; its answer (the ticket
    /// as it was then) is the payload of its event in the log.
    /// </summary>
    [Id(10)] public EventJournal Journal { get; init; } = EventJournal.Empty;

    /// <summary>The last number given per ticket prefix ("A" for the first business type, "V" for VIPs).</summary>
    [Id(11)] public ImmutableDictionary<string, int> LastNumberByPrefix { get; init; } = ImmutableDictionary<string, int>.Empty;

    public int Issued => IssuedByType.Values.Sum();

    public QueueState WithJournal(EventJournal journal) => this with { Journal = journal };
}
