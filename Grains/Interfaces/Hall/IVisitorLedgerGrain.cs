using System.Collections.Immutable;

namespace OrleansHall.Hall;

/// <summary>
/// The visitors in one hall right now (keyed by hall id), so that a person seen by two cameras, or in two passes of
/// one camera within the dedup window, is one visitor, and a recognised customer one visit. Face templates of
/// visitors live here in memory only, for as long as the window, and are never stored.
/// </summary>
public interface IVisitorLedgerGrain : IGrainWithStringKey
{
    /// <summary>A person not seen for this long who comes back is a new visitor, and a recognised customer a new visit (one card per visit).</summary>
    static readonly TimeSpan DedupWindow = TimeSpan.FromMinutes(60);

    /// <summary>One <see cref="Sighting"/> per template, in order; two faces of one frame are never the same visitor.</summary>
    Task<ImmutableArray<Sighting>> ObserveAsync(ImmutableArray<float[]> templates, DateTimeOffset at);

    /// <summary>
    /// The gallery named <paramref name="personId"/> for a visitor. True when this starts the person's visit; false
    /// when they were already recognised as another visitor within the window (that visitor and this one are merged).
    /// </summary>
    Task<bool> IdentifiedAsync(long visitorId, string personId, DateTimeOffset at);

    /// <summary>Visitors remembered now (seen within the window).</summary>
    Task<int> CountAsync();

    /// <summary>Forgets a person (recognition consent withdrawn): their visitors and face templates leave memory now, not at the end of the window.</summary>
    Task<int> ForgetAsync(string personId);
}
