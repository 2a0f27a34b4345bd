using OpenCvSharp;
using OrleansHall.Vision.Geometry;

namespace OrleansHall.Vision.People;

/// <summary>
/// Finds people in a camera's frames with the SSD person model (<see cref="PersonModel"/>). The frame is cut into
/// overlapping tiles about the model's own input size, so people 60 px tall in a 768 px frame are seen at the size the
/// model knows; a MOG2 background model marks what moved, and between keyframes only the tiles with motion are searched,
/// so a quiet hall costs little; every keyframe searches all tiles, so people who stop moving are still found. Holds
/// the background model, so one detector per camera, fed frames in order; not thread-safe (the model itself is shared).
/// </summary>
public sealed class PeopleDetector : IDisposable
{
    private readonly PersonModel _model;
    private readonly PeopleDetectorOptions _options;
    private readonly BackgroundSubtractorMOG2 _background;
    private readonly Mat _mask = new();
    private readonly Mat _clean = new();
    private readonly Mat _openKernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(3, 3));
    private readonly Mat _joinKernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(9, 15));

    public PeopleDetector(PersonModel model, PeopleDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _options = options ?? new PeopleDetectorOptions();
        _options.Validate();
        _background = BackgroundSubtractorMOG2.Create(_options.BackgroundHistory, _options.BackgroundVarThreshold, detectShadows: true);
    }

    /// <summary>Frames seen so far.</summary>
    public long Frames { get; private set; }

    /// <summary>Frames in which the model actually ran (on at least one tile).</summary>
    public long SearchedFrames { get; private set; }

    /// <summary>Tiles the model has looked at so far.</summary>
    public long SearchedTiles { get; private set; }

    /// <summary>Decodes a JPEG (or PNG) frame and detects people in it.</summary>
    public PeopleFrame Detect(byte[] jpeg)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        using var frame = jpeg.Length == 0 ? new Mat() : Cv2.ImDecode(jpeg, ImreadModes.Color);
        if (frame.Empty())
        {
            throw new ArgumentException($"Frame of {jpeg.Length} bytes could not be decoded; expected JPEG or PNG bytes.", nameof(jpeg));
        }

        return Detect(frame);
    }

    public PeopleFrame Detect(Mat frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Empty() || frame.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Frame is {(frame.Empty() ? "empty" : frame.Type().ToString())}; expected an 8-bit BGR image.", nameof(frame));
        }

        Frames++;
        _background.Apply(frame, _mask);

        // 255 = moving, 127 = shadow: shadows are not people.
        Cv2.Threshold(_mask, _clean, 200, 255, ThresholdTypes.Binary);
        Cv2.MorphologyEx(_clean, _clean, MorphTypes.Open, _openKernel);
        var fraction = Cv2.CountNonZero(_clean) / (double)(_clean.Rows * _clean.Cols);
        var whole = new Box(0, 0, frame.Cols, frame.Rows);
        var keyframe = !_options.MotionGate || (Frames - 1) % _options.KeyframeEvery == 0;
        var tiles = Tiles(frame.Cols, frame.Rows, _options);
        if (keyframe)
        {
            // Every tile, moving or not: the plain detector, and the gate's way of finding people who stand still.
            SearchedFrames++;
            var everyone = Search(frame, tiles);
            return new PeopleFrame(everyone, [whole], fraction, Keyframe: true,
                Still: [.. everyone.Where(p => MovingShare(p.Box) < _options.MinMovingFraction)]);
        }

        Cv2.Dilate(_clean, _mask, _joinKernel);
        var regions = MotionRegions(_mask, frame.Cols, frame.Rows);
        var moving = tiles.Where(t => regions.Any(r => Overlaps(t, r))).ToList();
        if (moving.Count == 0)
        {
            return new PeopleFrame([], [], fraction);
        }

        SearchedFrames++;
        var people = Search(frame, moving).Where(p => MovingShare(p.Box) >= _options.MinMovingFraction).ToList();
        return new PeopleFrame(people, regions, fraction);
    }

    /// <summary>
    /// Overlapping tiles covering a width x height image, each about <see cref="PeopleDetectorOptions.TileSide"/> px: one
    /// tile for an image not much larger than that (a portrait is seen whole), 3 x 2 for 768 x 576.
    /// </summary>
    public static IReadOnlyList<Rect> Tiles(int width, int height, PeopleDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int Count(int length) => Math.Max(1, (int)Math.Round(((length / (double)options.TileSide) - options.TileOverlap) / (1 - options.TileOverlap), MidpointRounding.AwayFromZero));
        var (columns, rows) = (Count(width), Count(height));
        var tileWidth = columns == 1 ? width : (int)Math.Round(width / (columns - ((columns - 1) * options.TileOverlap)));
        var tileHeight = rows == 1 ? height : (int)Math.Round(height / (rows - ((rows - 1) * options.TileOverlap)));
        var tiles = new List<Rect>(columns * rows);
        for (var j = 0; j < rows; j++)
        {
            for (var i = 0; i < columns; i++)
            {
                var x = columns == 1 ? 0 : (int)Math.Round(i * (width - tileWidth) / (double)(columns - 1));
                var y = rows == 1 ? 0 : (int)Math.Round(j * (height - tileHeight) / (double)(rows - 1));
                tiles.Add(new Rect(x, y, tileWidth, tileHeight));
            }
        }

        return tiles;
    }

    /// <summary>The model on each tile, then one box per person across tiles.</summary>
    private List<ScoredBox> Search(Mat frame, IReadOnlyList<Rect> tiles)
    {
        SearchedTiles += tiles.Count;
        var candidates = _model.Detect(frame, tiles, _options.MinScore, _options.NmsIouThreshold);

        // A box wider than it is tall is not a person standing, walking or sitting (legs, a bag, a bench): dropped first.
        var kept = NonMaximumSuppression.Apply([.. candidates.Where(p => p.Box.Height >= p.Box.Width)], _options.NmsIouThreshold);
        return [.. kept.Where(p => !IsGroup(p.Box, kept) && !IsPart(p, kept)).Select(p => p with { Box = p.Box.ClampTo(frame.Cols, frame.Rows) })];
    }

    private static bool Overlaps(Rect tile, Box region) =>
        region.Left < tile.Right && region.Right > tile.Left && region.Top < tile.Bottom && region.Bottom > tile.Top;

    public void Dispose()
    {
        _background.Dispose();
        _mask.Dispose();
        _clean.Dispose();
        _openKernel.Dispose();
        _joinKernel.Dispose();
    }

    /// <summary>
    /// People in a single still image: every tile, no background model (one image has no motion), so static clutter is
    /// not rejected. Does not touch this detector's frame history.
    /// </summary>
    public IReadOnlyList<ScoredBox> DetectStill(Mat image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Empty() || image.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Image is {(image.Empty() ? "empty" : image.Type().ToString())}; expected an 8-bit BGR image.", nameof(image));
        }

        return Search(image, Tiles(image.Cols, image.Rows, _options));
    }

    private List<Box> MotionRegions(Mat mask, int width, int height)
    {
        Cv2.FindContours(mask, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        var boxes = new List<Box>();
        foreach (var contour in contours)
        {
            if (Cv2.ContourArea(contour) < _options.MinMotionArea)
            {
                continue;
            }

            var r = Cv2.BoundingRect(contour);
            var p = _options.RegionPadding;
            boxes.Add(new Box(r.Left - p, r.Top - p, r.Right + p, r.Bottom + p).ClampTo(width, height));
        }

        // Merge overlapping regions so nobody is searched twice or cut in half.
        for (var merged = true; merged;)
        {
            merged = false;
            for (var i = 0; i < boxes.Count && !merged; i++)
            {
                for (var j = i + 1; j < boxes.Count; j++)
                {
                    if (boxes[i].IntersectionOverUnion(boxes[j]) > 0 || Contains(boxes[i], boxes[j]) || Contains(boxes[j], boxes[i]))
                    {
                        boxes[i] = Box.Union(boxes[i], boxes[j]);
                        boxes.RemoveAt(j);
                        merged = true;
                        break;
                    }
                }
            }
        }

        return boxes;
    }

    private double MovingShare(Box box)
    {
        var rect = new Rect((int)box.Left, (int)box.Top, Math.Max(1, (int)box.Width), Math.Max(1, (int)box.Height))
            .Intersect(new Rect(0, 0, _clean.Cols, _clean.Rows));
        if (rect.Width <= 0 || rect.Height <= 0)
        {
            return 0;
        }

        using var part = new Mat(_clean, rect);
        return Cv2.CountNonZero(part) / (double)(rect.Width * rect.Height);
    }

    // A box around two or more other detections is the model answering to a group, not a person.
    private static bool IsGroup(Box box, IReadOnlyList<ScoredBox> all)
    {
        var inside = 0;
        foreach (var other in all)
        {
            if (other.Box != box && other.Box.Area < box.Area && Intersection(box, other.Box) >= 0.8f * other.Box.Area && ++inside >= 2)
            {
                return true;
            }
        }

        return false;
    }

    // A box mostly inside a stronger one is part of that person (legs, upper body, a tile's cut): one person.
    private static bool IsPart(ScoredBox box, IReadOnlyList<ScoredBox> all) =>
        all.Any(other => other.Box != box.Box && other.Score > box.Score && Intersection(box.Box, other.Box) >= 0.7f * box.Box.Area);

    private static float Intersection(Box a, Box b)
    {
        var w = MathF.Min(a.Right, b.Right) - MathF.Max(a.Left, b.Left);
        var h = MathF.Min(a.Bottom, b.Bottom) - MathF.Max(a.Top, b.Top);
        return w > 0 && h > 0 ? w * h : 0f;
    }

    private static bool Contains(Box outer, Box inner) =>
        inner.Left >= outer.Left && inner.Top >= outer.Top && inner.Right <= outer.Right && inner.Bottom <= outer.Bottom;
}
