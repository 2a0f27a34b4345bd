using System.Collections.Immutable;
using OrleansHall.Hall;

namespace OrleansHall.Grains.Hall;

/// <summary>Entries and exits of one day in 15-minute buckets of the hall's local time.</summary>
public static class FlowCounter
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    /// <summary>The start of the 15-minute interval containing <paramref name="at"/>, in the given time zone.</summary>
    public static DateTimeOffset BucketStart(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var ticks = local.Ticks - (local.Ticks % Interval.Ticks);
        return new DateTimeOffset(ticks, local.Offset);
    }

    /// <summary>
    /// Every interval from the first counted one up to the one containing <paramref name="now"/>, with zeros where
    /// nobody passed, so a chart's gaps show quiet time instead of vanishing.
    /// </summary>
    public static ImmutableArray<FlowBucket> Continuous(ImmutableArray<FlowBucket> buckets, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (buckets.IsDefaultOrEmpty)
        {
            return [];
        }

        var last = BucketStart(now, zone);
        if (buckets[^1].Start > last)
        {
            last = buckets[^1].Start;
        }

        var byStart = buckets.ToDictionary(b => b.Start);
        var result = ImmutableArray.CreateBuilder<FlowBucket>();
        for (var start = buckets[0].Start; start <= last; start = BucketStart(start + Interval, zone))
        {
            result.Add(byStart.GetValueOrDefault(start) ?? new FlowBucket(start, 0, 0));
        }

        return result.ToImmutable();
    }

    /// <summary>Adds a reading to its bucket, keeping buckets ordered by start.</summary>
    public static ImmutableArray<FlowBucket> Add(ImmutableArray<FlowBucket> buckets, DateTimeOffset at, TimeZoneInfo zone, int entries, int exits)
    {
        var start = BucketStart(at, zone);
        var list = buckets.IsDefault ? ImmutableArray<FlowBucket>.Empty : buckets;
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i].Start == start)
            {
                return list.SetItem(i, list[i] with { Entries = list[i].Entries + entries, Exits = list[i].Exits + exits });
            }
        }

        return list.Add(new FlowBucket(start, entries, exits)).Sort((a, b) => a.Start.CompareTo(b.Start));
    }
}
