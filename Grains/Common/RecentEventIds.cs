using System.Collections.Immutable;

namespace OrleansHall.Grains.Common;

/// <summary>
/// The ids of the last events a grain applied, kept in its state so a device that re-sends a reading after a
/// reconnect (because it never saw the acknowledgement) is not counted twice.
/// </summary>
public sealed record RecentEventIds(ImmutableArray<Guid> Ids)
{
    public const int Capacity = 256;

    public static RecentEventIds Empty { get; } = new(ImmutableArray<Guid>.Empty);

    public bool Contains(Guid id) => !Ids.IsDefault && Ids.Contains(id);

    public RecentEventIds Add(Guid id)
    {
        var ids = Ids.IsDefault ? ImmutableArray<Guid>.Empty : Ids;
        ids = ids.Add(id);
        return new RecentEventIds(ids.Length > Capacity ? ids.RemoveRange(0, ids.Length - Capacity) : ids);
    }
}
