using System.Collections.Immutable;
using OrleansHall.Camera;
using OrleansHall.Device;
using OrleansHall.Grains.Common;
using OrleansHall.Hall;
using OrleansHall.Queue;

namespace OrleansHall.Grains.Hall;

/// <summary>What a hall grain keeps across restarts.</summary>
[GenerateSerializer]
public sealed record HallState : IJournaled<HallState>
{
    [Id(0)] public HallConfig? Config { get; init; }

    /// <summary>The local day the daily counters belong to.</summary>
    [Id(1)] public DateOnly Day { get; init; }

    [Id(2)] public int Occupancy { get; init; }

    [Id(3)] public int EntriesToday { get; init; }

    [Id(4)] public int ExitsToday { get; init; }

    [Id(5)] public ImmutableArray<FlowBucket> Flow { get; init; } = [];

    [Id(6)] public EventJournal Journal { get; init; } = EventJournal.Empty;

    [Id(7)] public QueueSummary Queue { get; init; } = QueueSummary.Empty;

    [Id(8)] public ImmutableDictionary<string, DeviceStatus> Devices { get; init; } = ImmutableDictionary<string, DeviceStatus>.Empty;

    [Id(9)] public ImmutableDictionary<string, CameraStatus> Cameras { get; init; } = ImmutableDictionary<string, CameraStatus>.Empty;

    [Id(10)] public ImmutableSortedSet<string> StaffOnDuty { get; init; } = [];

    [Id(11)] public ImmutableArray<HallAlert> Alerts { get; init; } = [];

    /// <summary>Today's visitors per "ageBand|gender".</summary>
    [Id(12)] public ImmutableDictionary<string, int> Demographics { get; init; } = ImmutableDictionary<string, int>.Empty;

    [Id(13)] public ImmutableDictionary<string, double> ZoneSeconds { get; init; } = ImmutableDictionary<string, double>.Empty;

    /// <summary>People now per zone, as last reported by each camera ("camera|zone").</summary>
    [Id(14)] public ImmutableDictionary<string, int> ZonePeopleNow { get; init; } = ImmutableDictionary<string, int>.Empty;

    [Id(15)] public ImmutableArray<double> Heat { get; init; } = [];

    /// <summary>The latest recognitions, newest first.</summary>
    [Id(16)] public ImmutableArray<Recognition> Recognitions { get; init; } = [];

    [Id(17)] public int CameraEntriesToday { get; init; }

    [Id(18)] public int CameraExitsToday { get; init; }

    /// <summary>Today's moves between zones seen by the cameras, "from>to", with back-tracks and the people who moved.</summary>
    [Id(19)] public ImmutableDictionary<string, int> Transitions { get; init; } = ImmutableDictionary<string, int>.Empty;

    [Id(20)] public int Backtracks { get; init; }

    [Id(21)] public int Travellers { get; init; }

    /// <summary>Per "camera|zone", how long the person there longest has stayed, in minutes, as the camera last reported.</summary>
    [Id(22)] public ImmutableDictionary<string, double> LongestStays { get; init; } = ImmutableDictionary<string, double>.Empty;

    /// <summary>
    /// Regions the hall has left whose hall list and galleries still owe the move (the hall and its customers'
    /// templates removed); retried on the next activation until done.
    /// </summary>
    [Id(23)] public ImmutableSortedSet<string> RegionsLeft { get; init; } = [];

    /// <summary>Today's latest strategy cards, newest first, at most <see cref="VisionTally.CardsKept"/>.</summary>
    [Id(24)] public ImmutableArray<OrleansHall.Customer.StrategyCard> Cards { get; init; } = [];

    /// <summary>Staff members this hall has sent a customer's card to: an erasure asks each of them to forget it.</summary>
    [Id(25)] public ImmutableSortedSet<string> StaffWithCards { get; init; } = [];

    public HallState WithJournal(EventJournal journal) => this with { Journal = journal };
}
