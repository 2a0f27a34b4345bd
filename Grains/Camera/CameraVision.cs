using System.Collections.Immutable;
using System.Numerics;
using OpenCvSharp;
using OrleansHall.Camera;
using OrleansHall.Grains.Hall;
using OrleansHall.Hall;
using OrleansHall.Vision.People;

namespace OrleansHall.Grains.Camera;

/// <summary>
/// One camera's running picture of its scene, fed frame by frame: people tracked across frames, door crossings,
/// person-seconds per zone and per floor cell, and the age band and gender of the faces the hall's visitor ledger
/// called new visitors (the ledger, not the camera, tells a new face from one already counted).
/// Not thread-safe: the camera grain feeds it one frame at a time.
/// </summary>
public sealed class CameraVision : IDisposable
{
    private static readonly TimeSpan MaxDwellStep = TimeSpan.FromSeconds(2);

    private readonly CameraConfig _config;
    private readonly ZonePaths _paths = new();
    private Dictionary<string, double> _longestStays = [];
    private PeopleFlow? _flow;
    private Size _frameSize;
    private DateTimeOffset? _lastFrameAt;

    private Dictionary<string, int> _newVisitors = [];
    private Dictionary<string, double> _zoneSeconds = [];
    private Dictionary<int, double> _cellSeconds = [];
    private Dictionary<string, int> _zonePeopleNow = [];
    private List<Recognition> _recognitions = [];
    private int _entries;
    private int _exits;

    private readonly PersonModel _person;

    public CameraVision(CameraConfig config, PersonModel person) => (_config, _person) = (config, person);

    public int PeopleInView { get; private set; }

    public bool HasNews => _newVisitors.Count > 0 || _zoneSeconds.Count > 0 || _entries + _exits > 0 || _recognitions.Count > 0 || _paths.Transitions.Count > 0;

    /// <summary>Tracks people in a frame and adds their dwell and any door crossings to the pending report.</summary>
    public FlowUpdate AddPeople(Mat frame, DateTimeOffset at)
    {
        var size = new Size(frame.Cols, frame.Rows);
        if (_flow is null || size != _frameSize)
        {
            // A new resolution (or the first frame) starts a fresh background model and tracker.
            _flow?.Dispose();
            _flow = new PeopleFlow(_person, _config.EntryLine is { } l ? (new Vector2((float)l.Ax, (float)l.Ay), new Vector2((float)l.Bx, (float)l.By)) : null);
            _frameSize = size;
            _lastFrameAt = null;
        }

        var update = _flow.Process(frame);
        var step = _lastFrameAt is { } last ? TimeSpan.FromTicks(Math.Clamp((at - last).Ticks, 0, MaxDwellStep.Ticks)) : TimeSpan.Zero;
        _lastFrameAt = at;
        PeopleInView = update.Tracks.Count;
        _zonePeopleNow = [];
        _paths.Observe(update.Tracks.Select(t => (t.Id, ZonesAt(new Vector2(t.Feet.X / size.Width, t.Feet.Y / size.Height)).FirstOrDefault())), at);
        _longestStays = _paths.LongestStays(at);
        foreach (var track in update.Tracks)
        {
            var feet = new Vector2(track.Feet.X / size.Width, track.Feet.Y / size.Height);
            foreach (var zone in ZonesAt(feet))
            {
                _zoneSeconds[zone] = _zoneSeconds.GetValueOrDefault(zone) + step.TotalSeconds;
                _zonePeopleNow[zone] = _zonePeopleNow.GetValueOrDefault(zone) + 1;
            }

            var cell = FloorCell(feet);
            _cellSeconds[cell] = _cellSeconds.GetValueOrDefault(cell) + step.TotalSeconds;
        }

        foreach (var crossing in update.Crossings)
        {
            if (crossing.Inward)
            {
                _entries++;
            }
            else
            {
                _exits++;
            }
        }

        return update;
    }

    /// <summary>Adds faces the hall's visitor ledger called new visitors to the make-up by age band and gender.</summary>
    public void CountVisitors(IEnumerable<SeenFace> faces)
    {
        foreach (var face in faces)
        {
            var key = $"{VisionTally.AgeBand(face.Age)}|{face.Gender}";
            _newVisitors[key] = _newVisitors.GetValueOrDefault(key) + 1;
        }
    }

    public void AddRecognition(Recognition recognition) => _recognitions.Add(recognition);

    /// <summary>Everything since the last report, as one message for the hall; the pending report starts empty again.</summary>
    public VisionReport TakeReport(string cameraId, DateTimeOffset at)
    {
        var (transitions, backtracks, travellers) = _paths.Take();
        var report = new VisionReport(
            cameraId,
            at,
            [.. _newVisitors.Select(v => v.Key.Split('|') is [var band, var gender] ? new DemographicCount(band, gender, v.Value) : null).OfType<DemographicCount>()],
            _zoneSeconds.ToImmutableDictionary(),
            _zonePeopleNow.ToImmutableDictionary(),
            _cellSeconds.ToImmutableDictionary(),
            _entries,
            _exits,
            [.. _recognitions],
            transitions.ToImmutableDictionary(),
            backtracks,
            travellers,
            _longestStays.ToImmutableDictionary());
        _recognitions = [];
        _newVisitors = [];
        _zoneSeconds = [];
        _cellSeconds = [];
        (_entries, _exits) = (0, 0);
        return report;
    }

    /// <summary>The frame with people (track ids) and faces (age, gender) drawn on it, as a JPEG.</summary>
    public static byte[] Annotate(Mat frame, FlowUpdate people, FaceFrame? faces)
    {
        using var canvas = frame.Clone();
        var thickness = Math.Max(2, canvas.Cols / 400);
        var font = Math.Max(0.5, canvas.Cols / 1600.0);
        foreach (var track in people.Tracks)
        {
            var box = new Rect((int)track.Box.Left, (int)track.Box.Top, (int)track.Box.Width, (int)track.Box.Height);
            Cv2.Rectangle(canvas, box, Scalar.LimeGreen, thickness);
            Cv2.PutText(canvas, $"#{track.Id}", new Point(box.X, Math.Max(12, box.Y - 4)), HersheyFonts.HersheySimplex, font, Scalar.LimeGreen, thickness);
        }

        // Faces were found in the frame as sent; the canvas is the frame at analysis size.
        var scale = faces is { Width: > 0 } ? (double)canvas.Cols / faces.Width : 1;
        foreach (var face in faces?.Faces ?? [])
        {
            var box = new Rect((int)(face.X * scale), (int)(face.Y * scale), (int)(face.Width * scale), (int)(face.Height * scale));
            Cv2.Rectangle(canvas, box, Scalar.Orange, thickness);
            Cv2.PutText(canvas, $"{(face.Gender == "male" ? "M" : "F")} {face.Age:F0}", new Point(box.X, Math.Max(12, box.Y - 4)),
                HersheyFonts.HersheySimplex, font, Scalar.Orange, thickness);
        }

        Cv2.ImEncode(".jpg", canvas, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 80));
        return jpeg;
    }

    public void Dispose() => _flow?.Dispose();

    private IEnumerable<string> ZonesAt(Vector2 point)
        => (_config.Zones.IsDefault ? [] : _config.Zones)
            .Where(z => point.X >= z.X && point.X < z.X + z.Width && point.Y >= z.Y && point.Y < z.Y + z.Height)
            .Select(z => z.Zone);

    /// <summary>The hall floor cell under an image point, through the camera's placement on the floor plan.</summary>
    private int FloorCell(Vector2 point)
    {
        var floor = _config.Floor ?? new FloorPlacement(0, 0, 1, 1);
        var x = floor.X + Math.Clamp(point.X, 0, 0.9999) * floor.Width;
        var y = floor.Y + Math.Clamp(point.Y, 0, 0.9999) * floor.Height;
        var column = Math.Clamp((int)(x * HeatMap.DefaultColumns), 0, HeatMap.DefaultColumns - 1);
        var row = Math.Clamp((int)(y * HeatMap.DefaultRows), 0, HeatMap.DefaultRows - 1);
        return row * HeatMap.DefaultColumns + column;
    }
}
