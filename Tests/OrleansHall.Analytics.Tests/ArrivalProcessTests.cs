using OrleansHall.Analytics.Demand;

namespace OrleansHall.Analytics.Tests;

public sealed class ArrivalProcessTests
{
    private static List<DateTime> Sample(ArrivalProfile profile, DateTime from, DateTime to, int seed)
    {
        var process = new ArrivalProcess(profile, new Random(seed));
        var arrivals = new List<DateTime>();
        for (var t = process.Next(from); t < to; t = process.Next(t))
        {
            arrivals.Add(t);
        }

        return arrivals;
    }

    private static double ExpectedCount(ArrivalProfile profile, DateTime from, DateTime to)
    {
        var step = TimeSpan.FromMinutes(1);
        var total = 0.0;
        for (var t = from; t < to; t += step)
        {
            total += profile.RatePerHour(t) * step.TotalHours;
        }

        return total;
    }

    [Fact]
    public void Arrivals_over_four_weeks_match_the_profile_integral()
    {
        var profile = new ArrivalProfile(40);
        var from = new DateTime(2026, 11, 2); // Monday
        var to = from.AddDays(28);

        var count = Sample(profile, from, to, seed: 7).Count;
        var expected = ExpectedCount(profile, from, to);

        // Poisson: standard deviation is sqrt(expected); allow four of them.
        Assert.InRange(count, expected - 4 * Math.Sqrt(expected), expected + 4 * Math.Sqrt(expected));
    }

    [Fact]
    public void Nobody_arrives_while_the_hall_is_closed()
    {
        var arrivals = Sample(new ArrivalProfile(60), new DateTime(2026, 11, 2, 0, 0, 0), new DateTime(2026, 11, 16), seed: 3);

        Assert.NotEmpty(arrivals);
        Assert.All(arrivals, a => Assert.True(ArrivalProfile.IsOpen(a), $"arrival at {a:HH:mm} outside 08:30-17:30"));
    }

    [Fact]
    public void Sampled_arrivals_show_the_morning_peak_and_lunch_dip()
    {
        var arrivals = Sample(new ArrivalProfile(60), new DateTime(2026, 11, 2), new DateTime(2026, 11, 28), seed: 11)
            .Where(a => a.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .ToList();

        var tenToEleven = arrivals.Count(a => a.Hour == 10);
        var twelveToOne = arrivals.Count(a => a.Hour == 12);
        var threeToFour = arrivals.Count(a => a.Hour == 15);

        Assert.True(tenToEleven > 1.8 * twelveToOne, $"10-11h {tenToEleven} vs 12-13h {twelveToOne}");
        Assert.True(threeToFour > 1.5 * twelveToOne, $"15-16h {threeToFour} vs 12-13h {twelveToOne}");
    }

    [Fact]
    public void Arrivals_are_strictly_increasing()
    {
        var arrivals = Sample(new ArrivalProfile(120), new DateTime(2026, 11, 2), new DateTime(2026, 11, 4), seed: 5);

        Assert.True(arrivals.Zip(arrivals.Skip(1)).All(p => p.Second > p.First));
    }
}
