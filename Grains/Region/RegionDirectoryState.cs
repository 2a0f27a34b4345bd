using System.Collections.Immutable;

namespace OrleansHall.Grains.Region;

[GenerateSerializer]
public sealed record RegionDirectoryState
{
    [Id(0)] public ImmutableSortedSet<string> RegionIds { get; init; } = [];
}
