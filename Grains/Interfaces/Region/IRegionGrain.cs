using System.Collections.Immutable;
using OrleansHall.Hall;

namespace OrleansHall.Region;

/// <summary>A region of halls, as its operators see it.</summary>
public interface IRegionGrain : IGrainWithStringKey
{

    Task AddHallAsync(string hallId);

    Task<ImmutableArray<string>> GetHallIdsAsync();

    /// <summary>A hall's latest snapshot (called by the hall grain).</summary>
    Task HallUpdatedAsync(HallSnapshot snapshot);

    Task<RegionSummary> GetSummaryAsync();
}
