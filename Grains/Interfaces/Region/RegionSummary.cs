using System.Collections.Immutable;
using OrleansHall.Hall;

namespace OrleansHall.Region;

/// <summary>The halls of a region as of their latest snapshots, busiest first.</summary>
[GenerateSerializer, Immutable]
public sealed record RegionSummary(
    [property: Id(0)] string RegionId,
    [property: Id(1)] ImmutableArray<HallSnapshot> Halls)
{
    public int Occupancy => Halls.Sum(h => h.Occupancy);

    public int Waiting => Halls.Sum(h => h.Queue.Waiting);

    public int DevicesOnline => Halls.Sum(h => h.DevicesOnline);

    public int DevicesOffline => Halls.Sum(h => h.DevicesOffline);
}
