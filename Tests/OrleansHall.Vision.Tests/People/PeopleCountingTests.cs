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
        using var flow = new PeopleFlow(media.Person, line: (new Vector2(600 / 768f, 0), new Vector2(600 / 768f, 1)));
        using var frame = new Mat();
        var crossings = new List<(int Frame, LineCrossing Crossing)>();
        var start = Stopwatch.GetTimestamp();

        for (var i = 0; i < frames; i++)
        {
            Assert.True(capture.Read(frame) && !frame.Empty(), $"vtest.avi ended at frame {i}; expected at least {frames} frames.");
            crossings.AddRange(flow.Process(frame).Crossings.Select(c => (i, c)));
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        var (runs, inModel) = media.Person.Timing;
        output.WriteLine($"inward {flow.Inward}, outward {flow.Outward} at frames {string.Join(",", crossings.Select(c => c.Frame))}; " +
            $"people searched in {flow.SearchedFrames}/{frames} frames; {elapsed.TotalMilliseconds / frames:F1} ms per frame " +
            $"(the person model so far: {runs} runs, {inModel.TotalMilliseconds / Math.Max(1, runs):F1} ms a run)");
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
    public void The_motion_gate_and_the_plain_detector_both_count_the_hand_counted_crossings()
    {
        // Hand count: 3 people cross the line by frame 50. Ungated is the plain detector (every frame searched whole,
        // every detection kept); gated searches motion plus a whole-frame keyframe every third frame.
        var counts = new[] { true, false }.Select(gate =>
        {
            using var capture = new VideoCapture(media.Video);
            using var flow = new PeopleFlow(media.Person, (new Vector2(600 / 768f, 0), new Vector2(600 / 768f, 1)), new PeopleDetectorOptions { MotionGate = gate });
            using var frame = new Mat();
            for (var i = 0; i < 50 && capture.Read(frame); i++)
            {
                _ = flow.Process(frame);
            }

            return (flow.Inward, flow.Outward, flow.SearchedFrames);
        }).ToList();

        output.WriteLine($"gated {counts[0]}, ungated {counts[1]} (inward, outward, frames searched)");
        Assert.Equal((3, 0), (counts[0].Inward, counts[0].Outward));
        Assert.InRange(counts[1].Inward, 2, 4);
        Assert.Equal(0, counts[1].Outward);
        Assert.Equal(50, counts[1].SearchedFrames);
    }

    [Fact]
    public void A_counting_line_outside_the_frame_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PeopleFlow(media.Person, line: (new Vector2(0.5f, 0), new Vector2(1.5f, 1))));

        Assert.Contains("0..1", error.Message);
    }

    [Fact]
    public void People_standing_still_stay_in_view_and_are_searched_for_only_on_keyframes()
    {
        // One hand-counted frame of the footage (8 people), sent again and again for a minute at 1 fps: like customers
        // waiting at a counter, nobody moves, so the motion gate sees nothing after the first frame.
        const int frameNumber = 132;
        using var capture = new VideoCapture(media.Video);
        capture.Set(VideoCaptureProperties.PosFrames, frameNumber);
        using var still = new Mat();
        Assert.True(capture.Read(still));
        var options = new PeopleDetectorOptions();
        using var flow = new PeopleFlow(media.Person, detector: options);

        var updates = Enumerable.Range(0, 60).Select(_ => flow.Process(still)).ToList();

        var inView = updates.Select(u => u.Tracks.Count).ToList();
        var people = HandCount.People(frameNumber);
        var (matched, extra, missed) = HandCount.Match(people, [.. updates[^1].Tracks.Select(t => t.Box)]);
        output.WriteLine($"people in view per frame: {string.Join(",", inView)}; at the end {matched} of {people.Count} hand-counted people, {extra} more");
        var settled = inView.Skip(3 * options.KeyframeEvery).ToList();
        Assert.All(settled, n => Assert.Equal(settled[0], n));
        // Everyone counted by hand stays in view (the extra one: a man half cut by the right border, not counted by hand).
        Assert.True(missed <= 1, $"{missed} of {people.Count} standing people lost");
        Assert.True(extra <= 1, $"{extra} tracks where the hand count has nobody");
        Assert.Equal(60 / options.KeyframeEvery, flow.SearchedFrames);
    }

    [Fact]
    public void People_in_view_on_24_hand_counted_frames_across_the_video_match_the_hand_count()
    {
        // Each hand-counted frame is reached by running the camera's flow over the 12 frames before it, so tracks are
        // confirmed as in a camera that has been running; the count is the people in view, as the hall sees it.
        var lines = new List<string>();
        int truth = 0, inView = 0, falsePositives = 0, missed = 0, offByMore = 0;
        foreach (var frameNumber in HandCount.Boxes.Keys.Where(f => f >= 12).Order())
        {
            using var capture = new VideoCapture(media.Video);
            capture.Set(VideoCaptureProperties.PosFrames, frameNumber - 12);
            using var flow = new PeopleFlow(media.Person);
            using var frame = new Mat();
            FlowUpdate? last = null;
            for (var i = frameNumber - 12; i <= frameNumber; i++)
            {
                Assert.True(capture.Read(frame), $"vtest.avi ended before frame {i}");
                last = flow.Process(frame);
            }

            var people = HandCount.People(frameNumber);
            var boxes = last!.Tracks.Select(t => t.Box).ToList();
            var (_, fp, miss) = HandCount.Match(people, boxes);
            (truth, inView, falsePositives, missed) = (truth + people.Count, inView + boxes.Count, falsePositives + fp, missed + miss);
            offByMore += Math.Abs(boxes.Count - people.Count) > 1 ? 1 : 0;
            lines.Add($"{frameNumber}: {boxes.Count}/{people.Count} (fp {fp}, missed {miss})");
        }

        var error = Math.Abs(inView - truth) / (double)truth;
        output.WriteLine($"in view {inView} of {truth} hand-counted ({error:P1} off); {truth - missed} found, {falsePositives} false, {missed} missed; " +
            $"{offByMore} frames off by more than one\n{string.Join("\n", lines)}");
        Assert.True(error <= 0.10, $"people in view {inView} vs {truth} by hand: {error:P1} off, expected within 10 %");
        Assert.True(truth - missed >= 0.90 * truth, $"only {truth - missed} of {truth} hand-counted people found");
        Assert.True(falsePositives <= 0.05 * truth, $"{falsePositives} detections where nobody is (of {truth} people)");
        Assert.True(offByMore == 0, $"{offByMore} frames off by more than one person");
    }

    [Fact]
    public void Head_and_shoulders_portraits_are_not_taken_for_people()
    {
        using var pipeline = new OrleansHall.Vision.Faces.FacePipeline(media.Models, new OrleansHall.Vision.Faces.FacePipelineOptions { EstimateAttributes = false });
        using var detector = new PeopleDetector(media.Person);
        var portraits = 0;
        var found = new List<string>();
        for (var n = 1; n <= 6; n++)
        {
            using var photo = Cv2.ImRead(media.Photo(n));
            foreach (var face in pipeline.Analyze(photo))
            {
                // Head and shoulders: the face with a face's width either side and two below.
                var b = face.Box;
                var rect = new Rect((int)(b.Left - b.Width), (int)(b.Top - (b.Height / 2)), (int)(b.Width * 3), (int)(b.Height * 3.5))
                    .Intersect(new Rect(0, 0, photo.Cols, photo.Rows));
                using var portrait = new Mat(photo, rect);
                using var small = portrait.Resize(new Size(360, (int)(360.0 * rect.Height / rect.Width)));
                portraits++;
                if (detector.DetectStill(small).Count > 0)
                {
                    found.Add($"sample{n} face at {b.Center}");
                }
            }
        }

        output.WriteLine($"people found in {found.Count} of {portraits} portraits: {string.Join("; ", found)}");
        Assert.Equal(22, portraits);
        Assert.True(found.Count == 0, $"people found in {found.Count} of 22 portraits: {string.Join("; ", found)}");
    }

    [Fact]
    public void A_frame_that_is_not_8_bit_colour_is_refused()
    {
        using var detector = new PeopleDetector(media.Person);
        using var gray = new Mat(100, 100, MatType.CV_8UC1, Scalar.All(0));

        var error = Assert.Throws<ArgumentException>(() => detector.Detect(gray));

        Assert.Contains("expected an 8-bit BGR image", error.Message);
    }
}
