using OrleansHall.Grains.Common;
using System.Collections.Immutable;
using OrleansHall.Hall;
using OrleansHall.Region;

namespace OrleansHall.Grains.Region;

/// <summary>
/// Keeps the latest snapshot each hall pushes; snapshots live in memory only, and a hall that has not pushed
/// since this activation is asked directly.
/// </summary>
public sealed class RegionGrain(
    [PersistentState("region", StorageNames.Grains)] IPersistentState<RegionState> state) : Grain, IRegionGrain
{
    private readonly Dictionary<string, HallSnapshot> _latest = [];

    public async Task AddHallAsync(string hallId)
    {
        if (!state.State.HallIds.Contains(hallId))
        {
            await state.SaveAsync(state.State with { HallIds = state.State.HallIds.Add(hallId) }, this);
        }
    }

    public async Task RemoveHallAsync(string hallId)
    {
        _latest.Remove(hallId);
        if (state.State.HallIds.Contains(hallId))
        {
            await state.SaveAsync(state.State with { HallIds = state.State.HallIds.Remove(hallId) }, this);
        }
    }

    public Task<ImmutableArray<string>> GetHallIdsAsync() => Task.FromResult(state.State.HallIds.ToImmutableArray());

    public Task HallUpdatedAsync(HallSnapshot snapshot)
    {
        if (state.State.HallIds.Contains(snapshot.HallId) && snapshot.RegionId == this.GetPrimaryKeyString())
        {
            _latest[snapshot.HallId] = snapshot;
        }

        return Task.CompletedTask;
    }

    public async Task<RegionSummary> GetSummaryAsync()
    {
        foreach (var hallId in state.State.HallIds.Where(id => !_latest.ContainsKey(id)))
        {
            _latest[hallId] = await GrainFactory.GetGrain<IHallGrain>(hallId).GetSnapshotAsync();
        }

        var halls = _latest.Values
            .Where(h => state.State.HallIds.Contains(h.HallId))
            .OrderByDescending(h => h.Occupancy)
            .ThenBy(h => h.HallId, StringComparer.Ordinal)
            .ToImmutableArray();
        return new RegionSummary(this.GetPrimaryKeyString(), halls);
    }
}
