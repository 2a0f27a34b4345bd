using System.Diagnostics;
using System.Numerics;
using OpenCvSharp;
using OrleansHall.Vision.People;
using OrleansHall.Vision.Tracking;
using Xunit.Abstractions;

namespace OrleansHall.Vision.Tests.People;

[Collection(MediaCollection.Name)]
public sealed class PeopleCountingTests(MediaFixture media, ITestOutputHelper output)
{
    [Fact]
    public void People_crossing_a_line_in_the_forecourt_footage_match_the_hand_count()
    {
        // Hand count of vtest.avi frames 0-89 (looked at every 4th frame) for the vertical line x = 600:
        // a man in black crosses right to left around frame 6, a couple (red jacket, blonde) around frames
        // 38 and 44, a man in a grey jacket around frame 72; nobody crosses left to right.
        const int frames = 90;
        using var capture = new VideoCapture(media.Video);
        Assert.True(capture.IsOpened(), $"Could not open {media.Video}.");
        using var flow = new PeopleFlow(line: (new Vector2(600 / 768f, 0), new Vector2(600 / 768f, 1)));
        using var frame = new Mat();
        var crossings = new List<(int Frame, LineCrossing Crossing)>();
        var start = Stopwatch.GetTimestamp();

        for (var i = 0; i < frames; i++)
        {
            Assert.True(capture.Read(frame) && !frame.Empty(), $"vtest.avi ended at frame {i}; expected at least {frames} frames.");
            crossings.AddRange(flow.Process(frame).Crossings.Select(c => (i, c)));
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        output.WriteLine($"inward {flow.Inward}, outward {flow.Outward} at frames {string.Join(",", crossings.Select(c => c.Frame))}; " +
            $"people searched in {flow.SearchedFrames}/{frames} frames; {elapsed.TotalMilliseconds / frames:F1} ms per frame");
        Assert.Equal(4, flow.Inward);
        Assert.Equal(0, flow.Outward);
        // Each crossing within a few frames of when it was seen by hand.
        Assert.Collection(
            crossings.Select(c => c.Frame),
            f => Assert.InRange(f, 3, 12),
            f => Assert.InRange(f, 34, 43),
            f => Assert.InRange(f, 40, 49),
            f => Assert.InRange(f, 68, 80));
    }

    [Fact]
    public void Searching_every_whole_frame_counts_the_same_crossings_as_the_motion_gate()
    {
        // The gate only decides where HOG runs; it must not lose anyone who crosses (hand count: 3 by frame 50).
        var counts = new[] { true, false }.Select(gate =>
        {
            using var capture = new VideoCapture(media.Video);
            using var flow = new PeopleFlow((new Vector2(600 / 768f, 0), new Vector2(600 / 768f, 1)), new PeopleDetectorOptions { MotionGate = gate });
            using var frame = new Mat();
            for (var i = 0; i < 50 && capture.Read(frame); i++)
            {
                _ = flow.Process(frame);
            }

            return (flow.Inward, flow.Outward, flow.SearchedFrames);
        }).ToList();

        output.WriteLine($"gated {counts[0]}, ungated {counts[1]} (inward, outward, frames searched)");
        Assert.Equal((3, 0), (counts[0].Inward, counts[0].Outward));
        Assert.Equal((counts[0].Inward, counts[0].Outward), (counts[1].Inward, counts[1].Outward));
        Assert.Equal(49, counts[1].SearchedFrames);
    }

    [Fact]
    public void A_counting_line_outside_the_frame_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PeopleFlow(line: (new Vector2(0.5f, 0), new Vector2(1.5f, 1))));

        Assert.Contains("0..1", error.Message);
    }

    [Fact]
    public void A_still_scene_is_not_searched_for_people()
    {
        using var capture = new VideoCapture(media.Video);
        using var still = new Mat();
        Assert.True(capture.Read(still));
        using var detector = new PeopleDetector();

        var results = Enumerable.Range(0, 30).Select(_ => detector.Detect(still)).ToList();

        Assert.All(results, r => Assert.Empty(r.People));
        Assert.Equal(0, detector.SearchedFrames);
        Assert.Equal(0, results[^1].MovingFraction);
    }

    [Fact]
    public void Walkers_are_found_where_they_move()
    {
        using var capture = new VideoCapture(media.Video);
        using var detector = new PeopleDetector();
        using var frame = new Mat();
        var counts = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            capture.Read(frame);
            counts.Add(detector.Detect(frame).People.Count);
        }

        // Frames 20-39 show five or six people in the forecourt (counted by eye); HOG misses some who walk
        // in a tight group, and must not invent a crowd.
        output.WriteLine("people per frame: " + string.Join(",", counts));
        Assert.InRange(counts.Skip(20).Average(), 3.5, 6.5);
        Assert.All(counts, c => Assert.InRange(c, 0, 7));
    }

    [Fact]
    public void A_frame_that_is_not_8_bit_colour_is_refused()
    {
        using var detector = new PeopleDetector();
        using var gray = new Mat(100, 100, MatType.CV_8UC1, Scalar.All(0));

        var error = Assert.Throws<ArgumentException>(() => detector.Detect(gray));

        Assert.Contains("expected an 8-bit BGR image", error.Message);
    }
}
