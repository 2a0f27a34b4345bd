using OrleansHall.Vision.Geometry;

namespace OrleansHall.Vision.Tests.Geometry;

public sealed class NonMaximumSuppressionTests
{
    [Fact]
    public void Overlapping_candidates_of_one_face_collapse_to_the_best_one()
    {
        var candidates = new[]
        {
            new ScoredBox(new Box(10, 10, 110, 110), 0.80f),
            new ScoredBox(new Box(12, 8, 112, 108), 0.95f),
            new ScoredBox(new Box(5, 15, 105, 115), 0.70f),
        };

        var kept = NonMaximumSuppression.Apply(candidates, 0.3f);

        Assert.Equal([0.95f], kept.Select(k => k.Score));
    }

    [Fact]
    public void Separate_faces_are_all_kept_best_first()
    {
        var candidates = new[]
        {
            new ScoredBox(new Box(0, 0, 50, 50), 0.6f),
            new ScoredBox(new Box(100, 0, 150, 50), 0.9f),
            new ScoredBox(new Box(0, 100, 50, 150), 0.7f),
        };

        var kept = NonMaximumSuppression.Apply(candidates, 0.3f);

        Assert.Equal([0.9f, 0.7f, 0.6f], kept.Select(k => k.Score));
    }

    [Fact]
    public void Partly_overlapping_neighbours_survive_below_the_iou_threshold()
    {
        // IoU of these two is 50*100 / (2*100*100 - 50*100) = 1/3.
        var candidates = new[] { new ScoredBox(new Box(0, 0, 100, 100), 0.9f), new ScoredBox(new Box(50, 0, 150, 100), 0.8f) };

        Assert.Equal(2, NonMaximumSuppression.Apply(candidates, 0.4f).Count);
        Assert.Single(NonMaximumSuppression.Apply(candidates, 0.3f));
    }

    [Fact]
    public void Empty_boxes_are_dropped_and_the_result_is_capped()
    {
        var candidates = new[]
        {
            new ScoredBox(new Box(10, 10, 10, 50), 0.99f),
            new ScoredBox(new Box(0, 0, 10, 10), 0.5f),
            new ScoredBox(new Box(20, 20, 30, 30), 0.4f),
        };

        var kept = NonMaximumSuppression.Apply(candidates, 0.5f, maxResults: 1);

        Assert.Equal([0.5f], kept.Select(k => k.Score));
    }

    [Fact]
    public void An_iou_threshold_outside_0_to_1_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NonMaximumSuppression.Apply([], 1.5f));

        Assert.Contains("between 0 and 1", error.Message);
    }
}
