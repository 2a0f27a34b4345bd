using System.Collections.Immutable;
using OrleansHall.Grains.Camera;
using OrleansHall.Grains.Hall;
using OrleansHall.Hall;

namespace OrleansHall.Tests.Grains;

public sealed class MovementTests
{
    [Fact]
    public void A_person_walking_entrance_waiting_counters_and_back_to_waiting_makes_three_moves_and_one_back_track()
    {
        var paths = new ZonePaths();
        string?[] walk = ["entrance", "entrance", null, "waiting", "waiting", "counters", "waiting"];
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        foreach (var zone in walk)
        {
            paths.Observe([(7, zone)], at = at.AddSeconds(1));
        }

        var (moves, backtracks, travellers) = paths.Take();

        Assert.Equal(new Dictionary<string, int> { ["entrance>waiting"] = 1, ["waiting>counters"] = 1, ["counters>waiting"] = 1 }, moves);
        Assert.Equal((1, 1), (backtracks, travellers));
        Assert.Equal((0, 0), (paths.Take().Backtracks, paths.Take().Travellers));
    }

    [Fact]
    public void Two_people_are_followed_apart_and_a_track_lost_for_long_is_forgotten()
    {
        var paths = new ZonePaths(forgetAfterFrames: 2);
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        paths.Observe([(1, "entrance"), (2, "counters")], at);
        paths.Observe([(1, "waiting"), (2, "counters")], at.AddSeconds(1));
        // Track 1 is gone for three frames: when an id comes back it starts a new path (no move from "waiting").
        paths.Observe([(2, "waiting")], at.AddSeconds(2));
        paths.Observe([], at.AddSeconds(3));
        paths.Observe([], at.AddSeconds(4));
        paths.Observe([(1, "counters")], at.AddSeconds(5));

        var (moves, _, travellers) = paths.Take();

        Assert.Equal(new Dictionary<string, int> { ["entrance>waiting"] = 1, ["counters>waiting"] = 1 }, moves);
        Assert.Equal(2, travellers);
    }

    [Fact]
    public void The_longest_stay_in_a_zone_is_that_of_the_person_there_longest_among_those_in_view()
    {
        var paths = new ZonePaths();
        var nine = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        paths.Observe([(1, "self-service"), (2, "waiting")], nine);
        paths.Observe([(1, "self-service"), (2, "waiting"), (3, "self-service")], nine.AddMinutes(4));
        paths.Observe([(1, "self-service"), (3, "self-service")], nine.AddMinutes(9));

        var stays = paths.LongestStays(nine.AddMinutes(9));

        // Person 1 arrived at 9:00, person 3 at 9:04; person 2 is out of view now.
        Assert.Equal(new Dictionary<string, double> { ["self-service"] = 9 }, stays);
    }

    [Fact]
    public void Frequent_back_tracking_between_two_zones_is_named_and_rare_back_tracking_is_not()
    {
        ImmutableArray<ZoneTransition> moves = [new("waiting", "counters", 40), new("counters", "waiting", 12), new("entrance", "waiting", 50)];
        ImmutableArray<ZoneDwell> zones = [new("waiting", 300, 0), new("counters", 280, 0)];

        var often = MovementAdvisor.Advise(moves, backtracks: 12, travellers: 50, zones);
        var rarely = MovementAdvisor.Advise(moves, backtracks: 3, travellers: 50, zones);

        var advice = Assert.Single(often);
        Assert.Equal(("backtracking", "counters", "waiting", 0.24), (advice.Kind, advice.Zone, advice.OtherZone, advice.Share));
        Assert.Empty(rarely);
    }

    [Fact]
    public void A_zone_holding_most_of_the_dwell_is_congested()
    {
        ImmutableArray<ZoneDwell> zones = [new("waiting", 5400, 9), new("counters", 1200, 2), new("self-service", 600, 1)];

        var advice = Assert.Single(MovementAdvisor.Advise([], 0, 0, zones));

        Assert.Equal(("congestion", "waiting", 0.75), (advice.Kind, advice.Zone, advice.Share));
    }
}
