using System.Collections.Immutable;

namespace OrleansHall.Grains.Region;

[GenerateSerializer]
public sealed record RegionState
{
    [Id(0)] public ImmutableSortedSet<string> HallIds { get; init; } = [];
}
