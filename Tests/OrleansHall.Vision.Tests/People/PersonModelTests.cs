using OpenCvSharp;
using OrleansHall.Vision.Models;
using OrleansHall.Vision.People;

namespace OrleansHall.Vision.Tests.People;

/// <summary>The TFLite person detector converted and run: what it finds, how frames are tiled, what it refuses.</summary>
[Collection(MediaCollection.Name)]
public sealed class PersonModelTests(MediaFixture media)
{
    [Fact]
    public void A_hand_counted_frame_gives_boxes_on_the_people_and_a_blank_frame_none()
    {
        using var capture = new VideoCapture(media.Video);
        capture.Set(VideoCaptureProperties.PosFrames, 99);
        using var frame = new Mat();
        Assert.True(capture.Read(frame));
        using var blank = new Mat(frame.Rows, frame.Cols, MatType.CV_8UC3, new Scalar(128, 128, 128));
        using var detector = new PeopleDetector(media.Person);

        var found = detector.DetectStill(frame);
        var none = detector.DetectStill(blank);

        var people = HandCount.People(99);
        var (matched, extra, _) = HandCount.Match(people, [.. found.Select(p => p.Box)]);
        Assert.True(matched >= people.Count - 1, $"{matched} of {people.Count} people found");
        Assert.True(extra <= 1, $"{extra} boxes where nobody is");
        Assert.All(found, p => Assert.InRange(p.Score, new PeopleDetectorOptions().MinScore, 1f));
        Assert.Empty(none);
    }

    [Theory]
    [InlineData(768, 576, 3, 2)]
    [InlineData(960, 540, 3, 2)]
    [InlineData(360, 420, 1, 1)]
    [InlineData(1920, 1080, 7, 4)]
    public void Frames_are_cut_into_overlapping_tiles_of_about_the_models_size_that_cover_them(int width, int height, int columns, int rows)
    {
        var options = new PeopleDetectorOptions();

        var tiles = PeopleDetector.Tiles(width, height, options);

        Assert.Equal(columns * rows, tiles.Count);
        Assert.Equal(columns, tiles.Select(t => t.X).Distinct().Count());
        Assert.Equal((0, 0), (tiles.Min(t => t.X), tiles.Min(t => t.Y)));
        Assert.Equal((width, height), (tiles.Max(t => t.Right), tiles.Max(t => t.Bottom)));
        // Neighbours overlap, so a person on a tile's edge is whole in one of them.
        var xs = tiles.Select(t => (t.X, t.Right)).Distinct().OrderBy(t => t.X).ToList();
        Assert.All(xs.Zip(xs.Skip(1)), p => Assert.True(p.Second.X < p.First.Right, $"tiles at {p.First} and {p.Second} do not overlap"));
    }

    [Fact]
    public void Bytes_that_are_not_a_tflite_model_are_refused_with_the_reason()
    {
        var notTflite = Assert.Throws<InvalidDataException>(() => TfliteToOnnx.Convert(File.ReadAllBytes(media.Photo(1))));
        var truncated = Assert.Throws<InvalidDataException>(() => TfliteToOnnx.Convert(media.Models.Person[..4096]));

        Assert.Contains("TFL3", notTflite.Message);
        Assert.Contains("outside", truncated.Message);
    }
}
