using System.Numerics;
using OpenCvSharp;
using OrleansHall.Vision.Tracking;

namespace OrleansHall.Vision.People;

/// <summary>
/// Everything one camera needs to turn frames into people flow: motion-gated detection, tracking and an optional
/// counting line given in normalised image coordinates (0..1), so it survives a change of resolution.
/// Feed frames in order; one instance per camera; not thread-safe.
/// </summary>
public sealed class PeopleFlow : IDisposable
{
    private readonly PeopleDetector _detector;
    private readonly CentroidTracker _tracker;
    private readonly (Vector2 A, Vector2 B)? _normalisedLine;
    private readonly float _hysteresis;
    private readonly int _keepAlive;
    private LineCrossingCounter? _counter;
    private Size _frameSize;

    /// <param name="model">The person detector, shared by every camera.</param>
    /// <param name="line">Counting line end points, each coordinate in 0..1 of the frame width/height; null for none.</param>
    /// <param name="hysteresis">
    /// Pixels a person's feet must get past the line before their side counts: 10 keeps a track that is born on the
    /// line (a person's track split in two when whole-frame keyframes find them afresh) from counting a second time.
    /// </param>
    public PeopleFlow(PersonModel model, (Vector2 A, Vector2 B)? line = null, PeopleDetectorOptions? detector = null, TrackerOptions? tracker = null, float hysteresis = 10f)
    {
        if (line is { } l && !(Normalised(l.A) && Normalised(l.B)))
        {
            throw new ArgumentOutOfRangeException(nameof(line), line, "Line end points must lie in 0..1 (fractions of the frame size).");
        }

        detector ??= new PeopleDetectorOptions();
        tracker ??= new TrackerOptions();
        // A still person is detected only on keyframes; their track must outlive the frames in between.
        _keepAlive = detector.MotionGate ? detector.KeyframeEvery : 0;
        if (tracker.MaxMissed < _keepAlive)
        {
            throw new ArgumentOutOfRangeException(nameof(tracker), tracker.MaxMissed,
                $"Tracks must survive at least {_keepAlive} unseen frames (the keyframe interval); MaxMissed is {tracker.MaxMissed}.");
        }

        _normalisedLine = line;
        _hysteresis = hysteresis;
        _detector = new PeopleDetector(model, detector);
        _tracker = new CentroidTracker(tracker);
    }

    public int Inward => _counter?.Inward ?? 0;

    public int Outward => _counter?.Outward ?? 0;

    public long Frames => _detector.Frames;

    public long SearchedFrames => _detector.SearchedFrames;

    public FlowUpdate Process(byte[] jpeg)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        using var frame = jpeg.Length == 0 ? new Mat() : Cv2.ImDecode(jpeg, ImreadModes.Color);
        if (frame.Empty())
        {
            throw new ArgumentException($"Frame of {jpeg.Length} bytes could not be decoded; expected JPEG or PNG bytes.", nameof(jpeg));
        }

        return Process(frame);
    }

    public FlowUpdate Process(Mat frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var size = new Size(frame.Cols, frame.Rows);
        if (_frameSize != default && size != _frameSize)
        {
            throw new ArgumentException($"Frame is {size.Width}x{size.Height}; this camera's frames so far were {_frameSize.Width}x{_frameSize.Height}.", nameof(frame));
        }

        if (_frameSize == default)
        {
            _frameSize = size;
            if (_normalisedLine is { } l)
            {
                var scale = new Vector2(size.Width, size.Height);
                _counter = new LineCrossingCounter(l.A * scale, l.B * scale, _hysteresis);
            }
        }

        var found = _detector.Detect(frame);
        var people = found.Still is { Count: > 0 } && _detector.Frames > _keepAlive ? StillOrTracked(found) : found.People;
        var tracks = _tracker.Update([.. people.Select(p => p.Box)]);
        var crossings = _counter?.Update(tracks) ?? [];
        return new FlowUpdate(people, [.. tracks.Where(t => t.Confirmed && t.Missed <= _keepAlive)], crossings, found.Searched);
    }

    // On a keyframe the whole frame is searched. A person found there continues a track (someone who walked in and
    // stopped) or is new; something that never moved and matches no track is static clutter once the camera has been
    // running a while (at start everything is new, so people already standing there are taken).
    private IReadOnlyList<Geometry.ScoredBox> StillOrTracked(PeopleFrame found) =>
        [.. found.People.Where(p => !found.Still!.Contains(p) || _tracker.Tracks.Any(t => t.Box.IntersectionOverUnion(p.Box) >= 0.3f))];

    public void Dispose() => _detector.Dispose();

    private static bool Normalised(Vector2 p) => p.X is >= 0 and <= 1 && p.Y is >= 0 and <= 1;
}
