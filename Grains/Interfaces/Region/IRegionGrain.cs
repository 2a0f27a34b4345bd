using System.Collections.Immutable;
using Orleans.Concurrency;
using OrleansHall.Hall;

namespace OrleansHall.Region;

/// <summary>A region of halls, as its operators see it.</summary>
public interface IRegionGrain : IGrainWithStringKey
{
    Task AddHallAsync(string hallId);

    /// <summary>The hall moved to another region; a no-op for a hall not listed.</summary>
    Task RemoveHallAsync(string hallId);

    Task<ImmutableArray<string>> GetHallIdsAsync();

    /// <summary>A hall's latest snapshot (called by the hall grain; one-way, so a region reading a hall never deadlocks with it).</summary>
    [OneWay]
    Task HallUpdatedAsync(HallSnapshot snapshot);

    Task<RegionSummary> GetSummaryAsync();
}
