using OrleansHall.Grains.Common;
using System.Collections.Immutable;
using OrleansHall.Region;

namespace OrleansHall.Grains.Region;

public sealed class RegionDirectoryGrain(
    [PersistentState("regions", StorageNames.Grains)] IPersistentState<RegionDirectoryState> state) : Grain, IRegionDirectoryGrain
{
    public async Task AddRegionAsync(string regionId)
    {
        if (!state.State.RegionIds.Contains(regionId))
        {
            await state.SaveAsync(state.State with { RegionIds = state.State.RegionIds.Add(regionId) }, this);
        }
    }

    public Task<ImmutableArray<string>> GetRegionIdsAsync() => Task.FromResult(state.State.RegionIds.ToImmutableArray());
}
