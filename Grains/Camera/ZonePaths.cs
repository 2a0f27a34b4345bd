namespace OrleansHall.Grains.Camera;

/// <summary>
/// Each tracked person's way through a camera's zones: a move from one zone into another is a transition, and a
/// move back into a zone the person already left is also a back-track. Tracks not seen for a while are forgotten.
/// Pure and single-threaded, like the camera vision that feeds it.
/// </summary>
public sealed class ZonePaths(int forgetAfterFrames = 30)
{
    private readonly Dictionary<long, Path> _paths = [];
    private long _frame;

    /// <summary>Transitions "from>to" since the last take.</summary>
    public Dictionary<string, int> Transitions { get; private set; } = [];

    public int Backtracks { get; private set; }

    /// <summary>People whose path has reached a second zone since the last take (the base of the back-track rate).</summary>
    public int Travellers { get; private set; }

    /// <summary>One frame taken at <paramref name="at"/>: the zone each track's feet are in (null outside every zone).</summary>
    public void Observe(IEnumerable<(long TrackId, string? Zone)> tracks, DateTimeOffset at)
    {
        _frame++;
        foreach (var (id, zone) in tracks)
        {
            var path = _paths.TryGetValue(id, out var p) ? p : _paths[id] = new Path();
            path.LastFrame = _frame;
            if (zone is null || zone == path.Current)
            {
                continue;
            }

            path.EnteredAt = at;

            if (path.Current is { } from)
            {
                var key = $"{from}>{zone}";
                Transitions[key] = Transitions.GetValueOrDefault(key) + 1;
                if (path.Visited.Count == 1)
                {
                    Travellers++;
                }

                if (path.Visited.Contains(zone))
                {
                    Backtracks++;
                }
            }

            path.Visited.Add(zone);
            path.Current = zone;
        }

        foreach (var stale in _paths.Where(p => _frame - p.Value.LastFrame > forgetAfterFrames).Select(p => p.Key).ToList())
        {
            _paths.Remove(stale);
        }
    }

    /// <summary>
    /// Per zone, how long the person in it longest (among those in view this frame) has been there, in minutes: a
    /// customer lingering at a self-service kiosk shows here.
    /// </summary>
    public Dictionary<string, double> LongestStays(DateTimeOffset now)
        => _paths.Values.Where(p => p.LastFrame == _frame && p.Current is not null && p.EnteredAt is not null)
            .GroupBy(p => p.Current!)
            .ToDictionary(g => g.Key, g => Math.Round(g.Max(p => (now - p.EnteredAt!.Value).TotalMinutes), 2));

    /// <summary>What happened since the last take; the counters start again.</summary>
    public (Dictionary<string, int> Transitions, int Backtracks, int Travellers) Take()
    {
        var taken = (Transitions, Backtracks, Travellers);
        (Transitions, Backtracks, Travellers) = ([], 0, 0);
        return taken;
    }

    private sealed class Path
    {
        public HashSet<string> Visited { get; } = [];

        public string? Current { get; set; }

        public long LastFrame { get; set; }

        public DateTimeOffset? EnteredAt { get; set; }
    }
}
