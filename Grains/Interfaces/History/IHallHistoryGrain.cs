using System.Collections.Immutable;

namespace OrleansHall.History;

/// <summary>
/// A hall's history (keyed by hall id): 15-minute rollups of its event log, kept in PostgreSQL and rebuilt from the
/// log every quarter of an hour, so what the charts show is what the log holds.
/// </summary>
public interface IHallHistoryGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the quarter-hourly rollup is scheduled (idempotent; a hall calls it when opened).</summary>
    Task EnsureScheduledAsync();

    /// <summary>Adds past activity to the event log; returns once every event is durable. Returns events added.</summary>
    Task<int> ImportAsync(HistoryBatch batch);

    /// <summary>Rebuilds the rollups of these local days (inclusive) from the event log; returns the slots written.</summary>
    Task<int> RollUpAsync(DateOnly from, DateOnly to);

    /// <summary>Rollups of slots starting in [from, to), oldest first; slots without any activity are absent.</summary>
    Task<ImmutableArray<SlotRollup>> GetSlotsAsync(DateTimeOffset from, DateTimeOffset to);
}
