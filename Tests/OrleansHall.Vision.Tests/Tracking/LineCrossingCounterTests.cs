using System.Numerics;
using OrleansHall.Vision.Geometry;
using OrleansHall.Vision.Tracking;

namespace OrleansHall.Vision.Tests.Tracking;

public sealed class LineCrossingCounterTests
{
    // A vertical door line at x = 100 from y = 0 (A) down to y = 300 (B): right to left is inward.
    private static LineCrossingCounter Door() => new(new Vector2(100, 0), new Vector2(100, 300), hysteresis: 5);

    private static Track At(long id, float feetX, float feetY = 200, bool confirmed = true) =>
        new(id, new Box(feetX - 10, feetY - 60, feetX + 10, feetY), Vector2.Zero, 5, 0, confirmed);

    [Fact]
    public void Walking_right_to_left_across_the_line_is_one_entry()
    {
        var counter = Door();

        foreach (var x in new[] { 140f, 120f, 104f, 96f, 80f, 60f })
        {
            counter.Update([At(1, x)]);
        }

        Assert.Equal((1, 0), (counter.Inward, counter.Outward));
    }

    [Fact]
    public void Walking_left_to_right_is_an_exit()
    {
        var counter = Door();

        var crossings = new[] { 60f, 90f, 110f, 130f }.SelectMany(x => counter.Update([At(7, x)])).ToList();

        Assert.Equal([new LineCrossing(7, Inward: false)], crossings);
        Assert.Equal((0, 1), (counter.Inward, counter.Outward));
    }

    [Fact]
    public void Jitter_on_the_line_does_not_count_twice()
    {
        var counter = Door();

        foreach (var x in new[] { 130f, 108f, 103f, 98f, 102f, 97f, 103f, 99f, 101f, 92f, 70f })
        {
            counter.Update([At(1, x)]);
        }

        Assert.Equal((1, 0), (counter.Inward, counter.Outward));
    }

    [Fact]
    public void Passing_beyond_the_end_of_the_line_is_not_a_crossing()
    {
        var counter = Door();

        foreach (var x in new[] { 150f, 100f, 50f })
        {
            counter.Update([At(1, x, feetY: 400)]);
        }

        Assert.Equal((0, 0), (counter.Inward, counter.Outward));
    }

    [Fact]
    public void Each_person_counts_separately_and_a_returning_person_counts_again()
    {
        var counter = Door();

        counter.Update([At(1, 130), At(2, 140)]);
        counter.Update([At(1, 70), At(2, 60)]);
        counter.Update([At(1, 130)]);

        Assert.Equal((2, 1), (counter.Inward, counter.Outward));
    }

    [Fact]
    public void A_degenerate_line_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new LineCrossingCounter(new Vector2(5, 5), new Vector2(5, 5)));

        Assert.Contains("expected at least 1 px", error.Message);
    }
}
