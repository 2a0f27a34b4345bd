using Orleans.Storage;
using OrleansHall.Grains.Events;

namespace OrleansHall.Grains.Common;

/// <summary>
/// The durability contract (docs/architecture.md, "Durability") in one place: apply, make durable, only then answer. A failed save puts
/// the state in memory back as it was, so nothing claims an event that storage does not hold; the caller gets the
/// failure (as a transient fault, see <c>FaultTranslationFilter</c>) and retries with the same event id.
/// </summary>
public static class DurableCommit
{
    /// <summary>
    /// Saves <paramref name="next"/>. On failure the previous state is restored; if storage held a newer version
    /// than this activation knew (a write that landed although its reply was lost), the grain deactivates so
    /// the retry meets a fresh activation that reads what storage really holds.
    /// </summary>
    public static async Task SaveAsync<T>(this IPersistentState<T> state, T next, IGrainBase grain)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception error)
        {
            state.State = previous;
            if (error is InconsistentStateException || error.InnerException is InconsistentStateException)
            {
                grain.DeactivateOnIdle();
            }

            throw;
        }
    }

    /// <summary>Saves <paramref name="next"/> with the event recorded as applied, then logs it (and anything left unlogged before).</summary>
    public static async Task ApplyAsync<T>(this IPersistentState<T> state, T next, HallEvent applied, IEventLog log, IGrainBase grain)
        where T : IJournaled<T>
    {
        await state.SaveAsync(next.WithJournal(next.Journal.Record(applied)), grain);
        await state.FlushAsync(log);
    }

    /// <summary>
    /// Logs every event that was saved but not yet logged. Marking them logged changes memory only: the next save
    /// persists it, and until then a restart merely logs them again, which the log ignores by id.
    /// </summary>
    public static async Task FlushAsync<T>(this IPersistentState<T> state, IEventLog log)
        where T : IJournaled<T>
    {
        var unlogged = state.State.Journal.Unlogged;
        if (unlogged.IsDefaultOrEmpty)
        {
            return;
        }

        await log.AppendAllAsync(unlogged);
        state.State = state.State.WithJournal(state.State.Journal.Logged(unlogged));
    }
}
