using OpenCvSharp;
using OrleansHall.Vision.Geometry;

namespace OrleansHall.Vision.People;

/// <summary>
/// Finds people (whole bodies) in a camera's frames. A MOG2 background model marks what moved; OpenCV's HOG
/// people detector runs only inside those regions, so a quiet hall costs almost nothing, and over the whole frame
/// on every keyframe, so people who stop moving are still found. Holds the background model, so one detector per
/// camera, fed frames in order; not thread-safe.
/// </summary>
public sealed class PeopleDetector : IDisposable
{
    private readonly PeopleDetectorOptions _options;
    private readonly BackgroundSubtractorMOG2 _background;
    private readonly HOGDescriptor _hog = new();
    private readonly Mat _mask = new();
    private readonly Mat _clean = new();
    private readonly Mat _openKernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(3, 3));
    private readonly Mat _joinKernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(9, 15));

    public PeopleDetector(PeopleDetectorOptions? options = null)
    {
        _options = options ?? new PeopleDetectorOptions();
        _options.Validate();
        _background = BackgroundSubtractorMOG2.Create(_options.BackgroundHistory, _options.BackgroundVarThreshold, detectShadows: true);
        _hog.SetSVMDetector(HOGDescriptor.GetDefaultPeopleDetector());
    }

    /// <summary>Frames seen so far.</summary>
    public long Frames { get; private set; }

    /// <summary>Frames in which HOG actually ran.</summary>
    public long SearchedFrames { get; private set; }

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
        var candidates = new List<ScoredBox>();
        if (keyframe)
        {
            // The whole frame, moving or not: the plain detector, and the gate's way of finding people who stand still.
            SearchedFrames++;
            SearchRegion(frame, whole, candidates);
            var all = NonMaximumSuppression.Apply(candidates, _options.NmsIouThreshold);
            List<ScoredBox> everyone = [.. all.Where(p => !IsGroup(p.Box, all) && !IsPart(p, all))];
            return new PeopleFrame(everyone, [whole], fraction, Keyframe: true,
                Still: [.. everyone.Where(p => MovingShare(p.Box) < _options.MinMovingFraction)]);
        }

        Cv2.Dilate(_clean, _mask, _joinKernel);
        var regions = MotionRegions(_mask, frame.Cols, frame.Rows);
        if (regions.Count == 0)
        {
            return new PeopleFrame([], [], fraction);
        }

        SearchedFrames++;
        foreach (var region in regions)
        {
            SearchRegion(frame, region, candidates);
        }

        var kept = NonMaximumSuppression.Apply(candidates, _options.NmsIouThreshold);
        var people = kept.Where(p => MovingShare(p.Box) >= _options.MinMovingFraction && !IsGroup(p.Box, kept) && !IsPart(p, kept)).ToList();
        return new PeopleFrame(people, regions, fraction);
    }

    public void Dispose()
    {
        _background.Dispose();
        _hog.Dispose();
        _mask.Dispose();
        _clean.Dispose();
        _openKernel.Dispose();
        _joinKernel.Dispose();
    }

    /// <summary>
    /// People in a single still image: HOG over the whole image, no background model (one image has no motion),
    /// so static clutter is not rejected. Does not touch this detector's frame history.
    /// </summary>
    public IReadOnlyList<ScoredBox> DetectStill(Mat image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Empty() || image.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Image is {(image.Empty() ? "empty" : image.Type().ToString())}; expected an 8-bit BGR image.", nameof(image));
        }

        var candidates = new List<ScoredBox>();
        SearchRegion(image, new Box(0, 0, image.Cols, image.Rows), candidates);
        return NonMaximumSuppression.Apply(candidates, _options.NmsIouThreshold);
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

    private void SearchRegion(Mat frame, Box region, List<ScoredBox> found)
    {
        var scale = _options.Upscale;
        // HOG needs at least one 64x128 window (plus its 8 px padding) inside the scaled region.
        var minWidth = (int)Math.Ceiling(80 / scale);
        var minHeight = (int)Math.Ceiling(144 / scale);
        var r = Grow(region, minWidth, minHeight, frame.Cols, frame.Rows);
        using var roi = new Mat(frame, r);
        using var scaled = new Mat();
        Cv2.Resize(roi, scaled, new Size(0, 0), scale, scale, InterpolationFlags.Linear);
        if (scaled.Cols < 64 || scaled.Rows < 128)
        {
            return;
        }

        var rects = _hog.DetectMultiScale(scaled, out double[] weights, _options.HitThreshold, new Size(8, 8), new Size(8, 8), _options.PyramidScale, 0);
        for (var i = 0; i < rects.Length; i++)
        {
            var b = rects[i];
            // The default detector's boxes include a margin around the body; trim it so boxes hug the person.
            var box = new Box(
                (float)(r.X + ((b.X + (b.Width * 0.1)) / scale)),
                (float)(r.Y + ((b.Y + (b.Height * 0.07)) / scale)),
                (float)(r.X + ((b.Right - (b.Width * 0.1)) / scale)),
                (float)(r.Y + ((b.Bottom - (b.Height * 0.07)) / scale)));
            found.Add(new ScoredBox(box.ClampTo(frame.Cols, frame.Rows), (float)weights[i]));
        }
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

    // A window around two or more other detections is HOG answering to a group at a coarser scale, not a person.
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

    // A window mostly inside a stronger one is HOG answering to part of that person (legs, upper body): one person.
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

    private static Rect Grow(Box region, int minWidth, int minHeight, int width, int height)
    {
        var w = Math.Min(width, Math.Max(minWidth, (int)Math.Ceiling(region.Width)));
        var h = Math.Min(height, Math.Max(minHeight, (int)Math.Ceiling(region.Height)));
        var c = region.Center;
        var x = Math.Clamp((int)(c.X - (w / 2f)), 0, width - w);
        var y = Math.Clamp((int)(c.Y - (h / 2f)), 0, height - h);
        return new Rect(x, y, w, h);
    }
}
