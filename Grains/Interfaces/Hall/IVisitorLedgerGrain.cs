using System.Collections.Immutable;

namespace OrleansHall.Hall;

/// <summary>
/// The visitors in one hall right now (keyed by hall id), so that a person seen by two cameras, or in two passes of
/// one camera within the dedup window, is one visitor, and a recognised customer one visit. Face templates of
/// visitors live here in memory only, for as long as the window, and are never stored.
/// </summary>
public interface IVisitorLedgerGrain : IGrainWithStringKey
{
    /// <summary>One <see cref="Sighting"/> per template, in order; two faces of one frame are never the same visitor.</summary>
    Task<ImmutableArray<Sighting>> ObserveAsync(ImmutableArray<float[]> templates, DateTimeOffset at);

    /// <summary>
    /// The gallery named <paramref name="personId"/> for a visitor. True when this starts the person's visit; false
    /// when they were already recognised as another visitor within the window (that visitor and this one are merged).
    /// </summary>
    Task<bool> IdentifiedAsync(long visitorId, string personId, DateTimeOffset at);

    /// <summary>Visitors remembered now (seen within the window).</summary>
    Task<int> CountAsync();
}
