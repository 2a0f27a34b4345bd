using System.Collections.Immutable;
using OrleansHall.Staff;

namespace OrleansHall.Grains.Staff;

[GenerateSerializer]
public sealed record StaffState
{
    [Id(0)] public StaffProfile? Profile { get; init; }

    /// <summary>Oldest first, at most <see cref="StaffGrain.PushesKept"/>.</summary>
    [Id(1)] public ImmutableArray<StaffPush> Pushes { get; init; } = [];
}
