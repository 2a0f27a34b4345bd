using System.Numerics.Tensors;
using OrleansHall.Hall;

namespace OrleansHall.Grains.Hall;

/// <summary>
/// Who is in a hall, by face: each visitor is a template (the latest seen), when they were last seen, and the
/// person the gallery named them, if any. A template at least <see cref="SameVisitor"/> similar to a visitor seen
/// within <see cref="Window"/> is that visitor; anything else is a new one. Pure and single-threaded: its grain
/// calls it one turn at a time.
/// </summary>
public sealed class VisitorLedger(float sameVisitor, TimeSpan window, TimeSpan identifyEvery, int capacity = 2000)
{
    private readonly List<Visitor> _visitors = [];
    private long _nextId = 1;

    public float SameVisitor => sameVisitor;

    public TimeSpan Window => window;

    public int Count => _visitors.Count;

    public IReadOnlyList<Sighting> Observe(IReadOnlyList<float[]> templates, DateTimeOffset at)
    {
        Forget(at);
        var sightings = new Sighting[templates.Count];
        var taken = new HashSet<Visitor>();
        // Best pairs first, so two faces of one frame never both claim one visitor and the closer face wins it.
        var pairs = new List<(int Face, Visitor Visitor, float Similarity)>();
        for (var face = 0; face < templates.Count; face++)
        {
            foreach (var visitor in _visitors)
            {
                var similarity = TensorPrimitives.Dot<float>(visitor.Template, templates[face]);
                if (similarity >= sameVisitor)
                {
                    pairs.Add((face, visitor, similarity));
                }
            }
        }

        var matched = new Visitor?[templates.Count];
        foreach (var (face, visitor, _) in pairs.OrderByDescending(p => p.Similarity))
        {
            if (matched[face] is null && taken.Add(visitor))
            {
                matched[face] = visitor;
            }
        }

        for (var face = 0; face < templates.Count; face++)
        {
            var visitor = matched[face];
            var isNew = visitor is null;
            if (visitor is null)
            {
                if (_visitors.Count >= capacity)
                {
                    _visitors.Remove(_visitors.MinBy(v => v.LastSeen)!);
                }

                visitor = new Visitor(_nextId++) { Template = templates[face] };
                _visitors.Add(visitor);
            }

            visitor.Template = templates[face];
            visitor.LastSeen = at;
            var identify = visitor.PersonId is null && (visitor.LastIdentify is not { } last || at - last >= identifyEvery);
            if (identify)
            {
                visitor.LastIdentify = at;
            }

            sightings[face] = new Sighting(visitor.Id, isNew, identify);
        }

        return sightings;
    }

    /// <summary>True when this is the person's first recognition within the window; otherwise the two visitors become one.</summary>
    public bool Identified(long visitorId, string personId, DateTimeOffset at)
    {
        Forget(at);
        var visitor = _visitors.Find(v => v.Id == visitorId);
        var known = _visitors.Find(v => v.PersonId == personId && v.Id != visitorId);
        if (known is not null)
        {
            if (visitor is not null)
            {
                known.Template = visitor.Template;
                known.LastSeen = at;
                _visitors.Remove(visitor);
            }

            return false;
        }

        if (visitor is null)
        {
            // Forgotten in between (the window passed since the sighting): a visit of its own.
            return true;
        }

        var first = visitor.PersonId is null;
        visitor.PersonId = personId;
        return first;
    }

    /// <summary>Drops every visitor recognised as <paramref name="personId"/>, face template included; returns how many.</summary>
    public int ForgetPerson(string personId) => _visitors.RemoveAll(v => v.PersonId == personId);

    private void Forget(DateTimeOffset at) => _visitors.RemoveAll(v => at - v.LastSeen > window);

    private sealed class Visitor(long id)
    {
        public long Id { get; } = id;

        public required float[] Template { get; set; }

        public DateTimeOffset LastSeen { get; set; }

        public DateTimeOffset? LastIdentify { get; set; }

        public string? PersonId { get; set; }
    }
}
