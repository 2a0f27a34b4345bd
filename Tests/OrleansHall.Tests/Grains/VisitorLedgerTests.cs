using OrleansHall.Grains.Hall;

namespace OrleansHall.Tests.Grains;

/// <summary>The hall's visitor ledger on unit vectors whose similarities are known exactly.</summary>
public sealed class VisitorLedgerTests
{
    private static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    private readonly VisitorLedger _ledger = new(0.5f, Window, TimeSpan.FromSeconds(10));

    [Fact]
    public void The_same_face_seen_again_within_the_window_is_one_visitor_and_after_it_a_new_one()
    {
        var face = Unit(0);

        var first = Assert.Single(_ledger.Observe([face], Nine));
        var again = Assert.Single(_ledger.Observe([Blend(0, 1, 0.8f)], Nine.AddMinutes(29)));
        var later = Assert.Single(_ledger.Observe([face], Nine.AddMinutes(29) + Window + TimeSpan.FromSeconds(1)));

        Assert.True(first.NewVisitor);
        Assert.False(again.NewVisitor);
        Assert.Equal(first.VisitorId, again.VisitorId);
        Assert.True(later.NewVisitor);
        Assert.NotEqual(first.VisitorId, later.VisitorId);
    }

    [Fact]
    public void Forgetting_a_person_drops_their_visitors_and_no_one_else()
    {
        var (customer, stranger) = (Assert.Single(_ledger.Observe([Unit(0)], Nine)), Assert.Single(_ledger.Observe([Unit(1)], Nine)));
        _ledger.Identified(customer.VisitorId, "cust-1", Nine);

        var forgotten = _ledger.ForgetPerson("cust-1");
        var seenAgain = Assert.Single(_ledger.Observe([Unit(0)], Nine.AddMinutes(1)));

        Assert.Equal((1, 2), (forgotten, _ledger.Count));
        // Their face is gone: seen again, they are a new visitor, to be looked up afresh.
        Assert.True(seenAgain.NewVisitor);
        Assert.NotEqual(customer.VisitorId, seenAgain.VisitorId);
        Assert.False(Assert.Single(_ledger.Observe([Unit(1)], Nine.AddMinutes(1))).NewVisitor);
        Assert.Equal(stranger.VisitorId, _ledger.Observe([Unit(1)], Nine.AddMinutes(2))[0].VisitorId);
    }

    [Fact]
    public void A_face_below_the_similarity_threshold_is_someone_else()
    {
        _ledger.Observe([Unit(0)], Nine);

        // cos = 0.45 against the first visitor: under 0.5, so a second person.
        var other = Assert.Single(_ledger.Observe([Blend(0, 1, 0.45f)], Nine.AddSeconds(5)));

        Assert.True(other.NewVisitor);
        Assert.Equal(2, _ledger.Count);
    }

    [Fact]
    public void Two_faces_in_one_frame_are_never_the_same_visitor_and_the_closer_face_keeps_the_visitor()
    {
        var first = Assert.Single(_ledger.Observe([Unit(0)], Nine));

        // Both faces resemble the visitor; the second more so. It keeps the id, the other is new.
        var sightings = _ledger.Observe([Blend(0, 1, 0.6f), Blend(0, 2, 0.9f)], Nine.AddSeconds(1));

        Assert.Equal(first.VisitorId, sightings[1].VisitorId);
        Assert.False(sightings[1].NewVisitor);
        Assert.True(sightings[0].NewVisitor);
        Assert.NotEqual(sightings[0].VisitorId, sightings[1].VisitorId);
    }

    [Fact]
    public void An_unknown_visitor_is_looked_up_on_arrival_and_again_every_ten_seconds_an_identified_one_not_again()
    {
        var face = Unit(3);
        var looks = new List<bool>();
        for (var second = 0; second <= 25; second += 5)
        {
            looks.Add(Assert.Single(_ledger.Observe([face], Nine.AddSeconds(second))).Identify);
        }

        Assert.Equal(new[] { true, false, true, false, true, false }, looks);
        var visitor = Assert.Single(_ledger.Observe([face], Nine.AddSeconds(40)));
        Assert.True(visitor.Identify);
        Assert.True(_ledger.Identified(visitor.VisitorId, "cust-1", Nine.AddSeconds(40)));
        Assert.False(Assert.Single(_ledger.Observe([face], Nine.AddSeconds(60))).Identify);
    }

    [Fact]
    public void A_person_recognised_under_two_different_faces_has_one_visit()
    {
        var front = Assert.Single(_ledger.Observe([Unit(0)], Nine));
        Assert.True(_ledger.Identified(front.VisitorId, "cust-7", Nine));

        // Another camera sees her from a side the ledger does not match; the gallery still knows her.
        var side = Assert.Single(_ledger.Observe([Unit(1)], Nine.AddSeconds(30)));
        Assert.True(side.NewVisitor);

        Assert.False(_ledger.Identified(side.VisitorId, "cust-7", Nine.AddSeconds(30)));
        Assert.Equal(1, _ledger.Count);
        // Her next sighting from the side matches the merged visitor.
        var next = Assert.Single(_ledger.Observe([Unit(1)], Nine.AddSeconds(35)));
        Assert.Equal(front.VisitorId, next.VisitorId);
        Assert.False(next.NewVisitor);
    }

    [Fact]
    public void Visitors_not_seen_for_the_window_are_forgotten()
    {
        _ledger.Observe([Unit(0), Unit(1), Unit(2)], Nine);
        _ledger.Observe([Unit(1)], Nine.AddMinutes(20));

        _ledger.Observe([], Nine.AddMinutes(40));

        Assert.Equal(1, _ledger.Count);
    }

    private static float[] Unit(int axis)
    {
        var v = new float[512];
        v[axis] = 1;
        return v;
    }

    /// <summary>A unit vector with cosine <paramref name="cos"/> to axis <paramref name="a"/>, the rest along axis <paramref name="b"/>.</summary>
    private static float[] Blend(int a, int b, float cos)
    {
        var v = new float[512];
        v[a] = cos;
        v[b] = MathF.Sqrt(1 - (cos * cos));
        return v;
    }
}
