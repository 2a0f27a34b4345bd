using System.Numerics;
using OrleansHall.Vision.Geometry;

namespace OrleansHall.Vision.Tracking;

/// <summary>
/// Follows detections from frame to frame: each track predicts where its box moves (constant velocity), then
/// detections are assigned greedily, best overlap first, falling back to the nearest centre. Not thread-safe:
/// one tracker per camera.
/// </summary>
public sealed class CentroidTracker
{
    private readonly TrackerOptions _options;
    private readonly List<Track> _tracks = [];
    private long _nextId = 1;

    public CentroidTracker(TrackerOptions? options = null)
    {
        _options = options ?? new TrackerOptions();
        _options.Validate();
    }

    /// <summary>Tracks alive after the last update, including briefly unseen ones.</summary>
    public IReadOnlyList<Track> Tracks => _tracks;

    /// <summary>Feeds one frame's detections; returns the tracks alive afterwards.</summary>
    public IReadOnlyList<Track> Update(IReadOnlyList<Box> detections)
    {
        ArgumentNullException.ThrowIfNull(detections);
        var predicted = _tracks.Select(t => t.Box.Offset(t.Velocity.X, t.Velocity.Y)).ToArray();
        var pairs = new List<(int Track, int Detection, float Score)>();
        for (var t = 0; t < _tracks.Count; t++)
        {
            for (var d = 0; d < detections.Count; d++)
            {
                var score = MatchScore(predicted[t], detections[d]);
                if (score > 0)
                {
                    pairs.Add((t, d, score));
                }
            }
        }

        var trackTaken = new bool[_tracks.Count];
        var detectionTaken = new bool[detections.Count];
        var next = new List<Track>(_tracks.Count + detections.Count);
        foreach (var (t, d, _) in pairs.OrderByDescending(p => p.Score))
        {
            if (trackTaken[t] || detectionTaken[d])
            {
                continue;
            }

            trackTaken[t] = detectionTaken[d] = true;
            var track = _tracks[t];
            var box = detections[d];
            var moved = (box.Center - track.Box.Center) / (track.Missed + 1);
            var velocity = track.Hits == 1 ? moved : Vector2.Lerp(track.Velocity, moved, _options.VelocitySmoothing);
            var hits = track.Hits + 1;
            next.Add(track with { Box = box, Velocity = velocity, Hits = hits, Missed = 0, Confirmed = track.Confirmed || hits >= _options.MinHits });
        }

        for (var t = 0; t < _tracks.Count; t++)
        {
            if (!trackTaken[t] && _tracks[t].Missed < _options.MaxMissed)
            {
                // Coast along the predicted path so the person is picked up again after an occlusion.
                next.Add(_tracks[t] with { Box = predicted[t], Missed = _tracks[t].Missed + 1 });
            }
        }

        for (var d = 0; d < detections.Count; d++)
        {
            if (!detectionTaken[d])
            {
                next.Add(new Track(_nextId++, detections[d], Vector2.Zero, 1, 0, _options.MinHits <= 1));
            }
        }

        _tracks.Clear();
        _tracks.AddRange(next.OrderBy(t => t.Id));
        return _tracks;
    }

    // Overlap wins over proximity: IoU scores land in (1, 2], centre distance in (0, 1].
    private float MatchScore(Box predicted, Box detection)
    {
        var iou = predicted.IntersectionOverUnion(detection);
        if (iou >= _options.MinIou)
        {
            return 1f + iou;
        }

        var reach = _options.MaxCentreDistance * MathF.Max(predicted.Height, detection.Height);
        var distance = Vector2.Distance(predicted.Center, detection.Center);
        return distance <= reach ? 1f - (distance / reach) + 1e-6f : 0f;
    }
}
