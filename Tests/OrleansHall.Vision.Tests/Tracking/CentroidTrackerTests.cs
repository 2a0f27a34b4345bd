using OrleansHall.Vision.Geometry;
using OrleansHall.Vision.Tracking;

namespace OrleansHall.Vision.Tests.Tracking;

public sealed class CentroidTrackerTests
{
    private static Box Person(float x, float y) => Box.FromSize(x, y, 40, 90);

    [Fact]
    public void Two_people_walking_past_each_other_keep_their_ids()
    {
        var tracker = new CentroidTracker();
        long? leftToRight = null, rightToLeft = null;
        for (var frame = 0; frame <= 20; frame++)
        {
            // They pass within 10 px vertically of each other around frame 10.
            var tracks = tracker.Update([Person(100 + (frame * 10), 200), Person(300 - (frame * 10), 210)]);

            var a = tracks.Single(t => t.Missed == 0 && Math.Abs(t.Box.Left - (100 + (frame * 10))) < 1 && t.Box.Top == 200);
            var b = tracks.Single(t => t.Missed == 0 && Math.Abs(t.Box.Left - (300 - (frame * 10))) < 1 && t.Box.Top == 210);
            leftToRight ??= a.Id;
            rightToLeft ??= b.Id;
            Assert.Equal(leftToRight, a.Id);
            Assert.Equal(rightToLeft, b.Id);
        }
    }

    [Fact]
    public void A_person_hidden_for_a_few_frames_keeps_the_same_track()
    {
        var tracker = new CentroidTracker(new TrackerOptions { MaxMissed = 5 });
        for (var frame = 0; frame < 5; frame++)
        {
            tracker.Update([Person(100 + (frame * 12), 200)]);
        }

        var id = tracker.Tracks.Single().Id;
        for (var frame = 5; frame < 9; frame++)
        {
            tracker.Update([]);
        }

        var tracks = tracker.Update([Person(100 + (9 * 12), 200)]);

        Assert.Equal(id, tracks.Single().Id);
        Assert.Equal(0, tracks.Single().Missed);
    }

    [Fact]
    public void A_track_ends_after_too_many_missed_frames_and_ids_are_not_reused()
    {
        var tracker = new CentroidTracker(new TrackerOptions { MaxMissed = 2 });
        var first = tracker.Update([Person(100, 100)]).Single().Id;

        for (var frame = 0; frame < 3; frame++)
        {
            tracker.Update([]);
        }

        Assert.Empty(tracker.Tracks);
        Assert.NotEqual(first, tracker.Update([Person(100, 100)]).Single().Id);
    }

    [Fact]
    public void A_one_frame_false_alarm_is_never_confirmed()
    {
        var tracker = new CentroidTracker(new TrackerOptions { MinHits = 3 });

        var tracks = tracker.Update([Person(100, 100)]);
        Assert.False(tracks.Single().Confirmed);
        tracker.Update([Person(104, 100)]);
        Assert.True(tracker.Update([Person(108, 100)]).Single().Confirmed);
    }

    [Fact]
    public void Detections_far_from_every_track_start_new_tracks()
    {
        var tracker = new CentroidTracker();
        tracker.Update([Person(0, 0)]);

        var tracks = tracker.Update([Person(4, 0), Person(500, 400)]);

        Assert.Equal(2, tracks.Count);
        Assert.Equal(2, tracks.Select(t => t.Id).Distinct().Count());
    }
}
