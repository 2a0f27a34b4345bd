namespace OrleansHall.Vision.Geometry;

/// <summary>Greedy non-maximum suppression: keeps the best-scoring box of every cluster of overlapping boxes.</summary>
public static class NonMaximumSuppression
{
    /// <summary>
    /// Returns the kept boxes, best score first. A box is dropped when its IoU with an already kept box
    /// exceeds <paramref name="iouThreshold"/>.
    /// </summary>
    public static List<ScoredBox> Apply(IReadOnlyList<ScoredBox> candidates, float iouThreshold, int maxResults = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (iouThreshold is < 0f or > 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold, "IoU threshold must be between 0 and 1.");
        }

        var order = new int[candidates.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Stable on ties so results do not depend on sort implementation details.
        Array.Sort(order, (a, b) =>
        {
            var byScore = candidates[b].Score.CompareTo(candidates[a].Score);
            return byScore != 0 ? byScore : a.CompareTo(b);
        });

        var kept = new List<ScoredBox>();
        var suppressed = new bool[order.Length];
        for (var i = 0; i < order.Length && kept.Count < maxResults; i++)
        {
            if (suppressed[i])
            {
                continue;
            }

            var best = candidates[order[i]];
            if (best.Box.Area <= 0)
            {
                continue;
            }

            kept.Add(best);
            for (var j = i + 1; j < order.Length; j++)
            {
                if (!suppressed[j] && best.Box.IntersectionOverUnion(candidates[order[j]].Box) > iouThreshold)
                {
                    suppressed[j] = true;
                }
            }
        }

        return kept;
    }
}
