using System.Collections.Immutable;

namespace OrleansHall.Region;

/// <summary>All regions of the deployment (a single grain, key 0).</summary>
public interface IRegionDirectoryGrain : IGrainWithIntegerKey
{
    Task AddRegionAsync(string regionId);

    Task<ImmutableArray<string>> GetRegionIdsAsync();
}
