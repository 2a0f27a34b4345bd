using System.Collections.Immutable;
using OrleansHall.Analytics.Placement;
using OrleansHall.Common;
using OrleansHall.Placement;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Analytics;

public sealed class WelchTestTests
{
    [Fact]
    public void The_statistic_and_degrees_of_freedom_are_welchs_and_the_p_value_lies_between_the_t_tables_critical_values()
    {
        // Means 2 and 5, variance 1 each, n = 3: t = 3 / sqrt(2/3) = 3.674, df = 4. The t table for df 4 gives 2.776 at
        // two-sided 5 % and 3.747 at 2 %, so p lies between 0.02 and 0.05, close to 0.02.
        var result = WelchTest.Compare([1, 2, 3], [4, 5, 6]);

        Assert.Equal(3 / Math.Sqrt(2.0 / 3), result.T, 9);
        Assert.Equal(4, result.DegreesOfFreedom, 9);
        Assert.InRange(result.PValue, 0.02, 0.025);
        Assert.Equal(result.PValue, WelchTest.Compare([4, 5, 6], [1, 2, 3]).PValue, 12);
    }

    [Fact]
    public void A_real_shift_is_significant_and_noise_around_one_mean_is_not()
    {
        var random = new Random(7);
        double Noise() => random.NextDouble() - 0.5;
        var before = Enumerable.Range(0, 14).Select(_ => 20 + 4 * Noise()).ToList();
        var shifted = Enumerable.Range(0, 14).Select(_ => 26 + 4 * Noise()).ToList();
        var same = Enumerable.Range(0, 14).Select(_ => 20 + 4 * Noise()).ToList();

        Assert.True(WelchTest.Compare(before, shifted).PValue < 0.001);
        Assert.True(WelchTest.Compare(before, same).PValue > 0.05);
        Assert.Throws<ArgumentException>(() => WelchTest.Compare([1], [2, 3]));
        Assert.Equal(1.0, WelchTest.Compare([5, 5], [5, 5]).PValue);
    }

    [Fact]
    public void Cold_displays_are_those_far_below_the_halls_median_and_suggestions_follow_the_visitors_ages()
    {
        var cold = ColdDisplays.Find([new("a", 100, 900), new("b", 90, 800), new("c", 30, 270), new("d", 95, 190)]);
        var older = DisplayAdvisor.Suggest([new("60+", "female", 12), new("45-59", "male", 5), new("18-29", "male", 3)]);
        var few = DisplayAdvisor.Suggest([new("60+", "female", 4)]);

        Assert.Equal(new HashSet<string> { "c", "d" }, cold);
        Assert.Equal("auto-pay", older[0].Product);
        Assert.Equal("home-service", older[1].Product);
        Assert.Contains("60 and over", older[1].Reason);
        Assert.Empty(few);
    }
}

[Collection(ClusterCollection.Name)]
public sealed class PlacementGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_experiment_reports_the_change_in_dwell_per_passer_by_with_its_p_value_and_cold_displays_are_flagged()
    {
        var hallId = await fixture.OpenHallAsync();
        var placement = fixture.Client.GetGrain<IHallPlacementGrain>(hallId);
        await placement.ConfigureDisplaysAsync([new("ev", "EV chargers", "waiting", "ev-charger"), new("solar", "Solar", "entrance", "solar")], "manager");
        var today = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        var change = today.AddDays(-10);
        var random = new Random(3);
        // The EV display moved on the change day: its passers-by stay about 50 % longer afterwards; the entrance is steady.
        var days = Enumerable.Range(-20, 20).SelectMany(i =>
        {
            var day = today.AddDays(i);
            var exposure = 80 + random.Next(20);
            var perPerson = (day >= change ? 30 : 20) + (4 * (random.NextDouble() - 0.5));
            return new[] { new ZoneDay(day, "waiting", exposure, exposure * perPerson), new ZoneDay(day, "entrance", 100, 100 * 4.0) };
        }).ToImmutableArray();
        await placement.ImportDaysAsync(days);

        var moved = await placement.StartExperimentAsync(new ExperimentRequest("EV display to the waiting area", "ev", change, 10, "moved next to the seats", "manager"));
        var steady = await placement.StartExperimentAsync(new ExperimentRequest("Solar, no change", "solar", change, 10, "nothing", "manager"));
        var report = await placement.GetReportAsync(today.AddDays(-1));

        Assert.True(moved.Finished);
        Assert.Equal((10, 10), (moved.DaysBefore, moved.DaysAfter));
        Assert.InRange(moved.MeanBefore!.Value, 18, 22);
        Assert.InRange(moved.MeanAfter!.Value, 28, 32);
        Assert.True(moved.PValue < 0.05, moved.Conclusion);
        Assert.Contains("significant", moved.Conclusion);
        Assert.Contains("Welch t = ", moved.Conclusion);
        Assert.Equal(1.0, steady.PValue);
        Assert.Contains("not significant", steady.Conclusion);
        Assert.Equal(["ev", "solar"], report.Displays.Select(d => d.Display.Id));
        Assert.True(report.Displays.Single(d => d.Display.Id == "solar").Cold, "4 s per passer-by against about 30 s is cold");
        Assert.Equal(2, (await placement.GetExperimentsAsync()).Length);
    }

    [Fact]
    public async Task Displays_must_stand_in_a_zone_of_the_hall_and_experiments_name_a_display()
    {
        var hallId = await fixture.OpenHallAsync();
        var placement = fixture.Client.GetGrain<IHallPlacementGrain>(hallId);

        var zone = await Assert.ThrowsAsync<RejectedRequestException>(() => placement.ConfigureDisplaysAsync([new("x", "X", "roof", "solar")], "manager"));
        var unknown = await Assert.ThrowsAsync<RejectedRequestException>(() => placement.StartExperimentAsync(new ExperimentRequest("n", "nope", new DateOnly(2026, 11, 1), 7, "", "manager")));

        Assert.Contains("entrance, waiting", zone.Message);
        Assert.Contains("nope", unknown.Message);
        Assert.Empty(await placement.GetDisplaysAsync());
    }
}
