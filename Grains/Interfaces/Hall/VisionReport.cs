using System.Collections.Immutable;

namespace OrleansHall.Hall;

/// <summary>
/// What one camera saw since its last report (sent every few seconds): new visitors by age band and gender,
/// person-seconds per zone and per floor cell, people now in each zone, door crossings, recognitions, and moves
/// between zones ("from>to" counts, back-tracks into a zone already left, people who moved at all).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VisionReport(
    [property: Id(0)] string CameraId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] ImmutableArray<DemographicCount> NewVisitors,
    [property: Id(3)] ImmutableDictionary<string, double> ZoneSeconds,
    [property: Id(4)] ImmutableDictionary<string, int> ZonePeopleNow,
    [property: Id(5)] ImmutableDictionary<int, double> CellSeconds,
    [property: Id(6)] int Entries,
    [property: Id(7)] int Exits,
    [property: Id(8)] ImmutableArray<Recognition> Recognitions,
    [property: Id(9)] ImmutableDictionary<string, int>? Transitions = null,
    [property: Id(10)] int Backtracks = 0,
    [property: Id(11)] int Travellers = 0,
    [property: Id(12)] ImmutableDictionary<string, double>? LongestStayMinutes = null);
