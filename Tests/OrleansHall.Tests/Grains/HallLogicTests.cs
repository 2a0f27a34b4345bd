using System.Collections.Immutable;
using OrleansHall.Grains.Common;
using OrleansHall.Grains.Hall;
using OrleansHall.Hall;
using OrleansHall.Queue;

namespace OrleansHall.Tests.Grains;

public sealed class HallLogicTests
{
    private static readonly HallConfig Config = new("Hall", "r", 10, ["C1"], [], ["invoice"], QueueAlertLength: 10);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Flow_buckets_are_fifteen_minutes_of_local_time()
    {
        var shanghai = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        var at = new DateTimeOffset(2026, 11, 30, 1, 37, 12, TimeSpan.Zero);

        var buckets = FlowCounter.Add([], at, shanghai, 2, 0);
        buckets = FlowCounter.Add(buckets, at.AddMinutes(5), shanghai, 1, 1);
        buckets = FlowCounter.Add(buckets, at.AddMinutes(-30), shanghai, 0, 3);

        Assert.Equal([new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.FromHours(8))],
            buckets.Select(b => b.Start));
        Assert.Equal((3, 1), (buckets[1].Entries, buckets[1].Exits));
    }

    [Fact]
    public void Quiet_intervals_between_the_first_passage_and_now_are_shown_as_zero()
    {
        var nine = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var buckets = FlowCounter.Add([], nine.AddMinutes(2), TimeZoneInfo.Utc, 3, 0);
        buckets = FlowCounter.Add(buckets, nine.AddMinutes(47), TimeZoneInfo.Utc, 1, 2);

        var continuous = FlowCounter.Continuous(buckets, nine.AddMinutes(65), TimeZoneInfo.Utc);

        Assert.Equal([nine, nine.AddMinutes(15), nine.AddMinutes(30), nine.AddMinutes(45), nine.AddMinutes(60)], continuous.Select(b => b.Start));
        Assert.Equal([3, 0, 0, 1, 0], continuous.Select(b => b.Entries));
        Assert.Empty(FlowCounter.Continuous([], nine, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }, "no frame header")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A }, "not a JPEG")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x40, 0x00, 0x01 }, "runs past the end")]
    public void Broken_jpeg_bytes_are_named_precisely(byte[] data, string reason)
    {
        Assert.Contains(reason, JpegProbe.Check(data, out _, out _));
    }

    [Fact]
    public void A_frame_over_the_size_limit_is_refused_before_parsing()
    {
        var big = new byte[JpegProbe.MaxBytes + 1];
        big[0] = 0xFF;
        big[1] = 0xD8;

        Assert.Contains("over the", JpegProbe.Check(big, out _, out _));
    }

    [Fact]
    public void Event_ids_remembered_are_bounded_and_the_oldest_are_forgotten()
    {
        var ids = OrleansHall.Grains.Common.RecentEventIds.Empty;
        var first = Guid.NewGuid();
        ids = ids.Add(first);
        for (var i = 0; i < OrleansHall.Grains.Common.RecentEventIds.Capacity; i++)
        {
            ids = ids.Add(Guid.NewGuid());
        }

        Assert.False(ids.Contains(first));
        Assert.Equal(OrleansHall.Grains.Common.RecentEventIds.Capacity, ids.Ids.Length);
    }
}
