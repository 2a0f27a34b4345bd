using System.Numerics;

namespace OrleansHall.Vision.Tracking;

/// <summary>
/// Counts confirmed tracks whose feet cross the segment A→B. Inward means moving from the side where
/// (B−A)×(P−A) is negative to where it is positive (in image coordinates, y down: with A above B, right to left).
/// A track must get <c>hysteresis</c> pixels past the line before its side changes, so jitter on the line
/// never counts twice.
/// </summary>
public sealed class LineCrossingCounter
{
    private readonly Vector2 _a;
    private readonly Vector2 _direction;
    private readonly float _length;
    private readonly float _hysteresis;
    private readonly Dictionary<long, int> _sideByTrack = [];

    public LineCrossingCounter(Vector2 a, Vector2 b, float hysteresis = 4f)
    {
        _length = Vector2.Distance(a, b);
        if (_length < 1f)
        {
            throw new ArgumentException($"Counting line {a}→{b} is {_length:F1} px long; expected at least 1 px.");
        }

        if (hysteresis < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(hysteresis), hysteresis, "Expected a non-negative distance in pixels.");
        }

        _a = a;
        _direction = (b - a) / _length;
        _hysteresis = hysteresis;
    }

    public int Inward { get; private set; }

    public int Outward { get; private set; }

    /// <summary>Feeds the tracker's current tracks; returns the crossings completed in this frame.</summary>
    public IReadOnlyList<LineCrossing> Update(IReadOnlyList<Track> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var crossings = new List<LineCrossing>();
        foreach (var track in tracks)
        {
            if (track.Missed > 0)
            {
                continue;
            }

            var p = track.Feet - _a;
            var along = Vector2.Dot(p, _direction);
            var across = (_direction.X * p.Y) - (_direction.Y * p.X);
            if (along < 0 || along > _length || MathF.Abs(across) <= _hysteresis)
            {
                continue;
            }

            var side = MathF.Sign(across);
            if (_sideByTrack.TryGetValue(track.Id, out var previous) && previous != side && track.Confirmed)
            {
                var inward = side > 0;
                crossings.Add(new LineCrossing(track.Id, inward));
                if (inward)
                {
                    Inward++;
                }
                else
                {
                    Outward++;
                }
            }

            _sideByTrack[track.Id] = side;
        }

        // Forget tracks the tracker has dropped.
        if (_sideByTrack.Count > tracks.Count)
        {
            var alive = tracks.Select(t => t.Id).ToHashSet();
            foreach (var id in _sideByTrack.Keys.Where(id => !alive.Contains(id)).ToList())
            {
                _sideByTrack.Remove(id);
            }
        }

        return crossings;
    }
}
