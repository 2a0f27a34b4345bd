using MathNet.Numerics.Distributions;
using OrleansHall.Analytics.Demand;
using OrleansHall.Analytics.Forecasting;

namespace OrleansHall.Analytics.Tests;

public sealed class HoltWintersTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly DateOnly Monday = new(2026, 3, 2);

    [Fact]
    public void A_series_that_repeats_every_week_is_forecast_exactly()
    {
        var week = Enumerable.Range(0, Slots.PerWeek).Select(i => (double)((i % Slots.PerDay) is > 34 and < 70 ? 5 + (i % 7) + (i / Slots.PerDay) : 0)).ToArray();
        var history = Enumerable.Repeat(week, 4).SelectMany(w => w).ToArray();

        var forecast = HoltWinters.Fit(history).Forecast(Slots.PerWeek);

        for (var i = 0; i < Slots.PerWeek; i++)
        {
            Assert.Equal(week[i], forecast[i], 6);
        }
    }

    [Theory]
    [InlineData("zhenhai", 16.0)]
    [InlineData("beilun", 22.0)]
    [InlineData("haishu", 30.0)]
    public void On_simulated_history_holt_winters_beats_last_weeks_same_slot(string hallId, double peakPerHour)
    {
        var series = Arrivals(new HallDemand(new ArrivalProfile(peakPerHour), hallId), Monday, weeks: 8, seed: (int)peakPerHour);

        var result = Backtest.LastWeek(series);

        output.WriteLine($"{hallId}: Holt-Winters {result.HoltWintersMape:P1}, seasonal naive {result.SeasonalNaiveMape:P1} over {result.Slots} slots ({result.Parameters})");
        Assert.True(result.HoltWintersMape < result.SeasonalNaiveMape,
            $"Holt-Winters {result.HoltWintersMape:P1} vs seasonal naive {result.SeasonalNaiveMape:P1}");
        Assert.InRange(result.Slots, 150, 7 * 36);
    }

    [Fact]
    public void The_band_widens_where_the_history_swings_more_and_never_goes_below_zero()
    {
        var series = Arrivals(new HallDemand(new ArrivalProfile(24), "jiangbei"), Monday, weeks: 6, seed: 3);
        var model = HoltWinters.Fit(series);
        var forecast = model.Forecast(Slots.PerDay);

        var (lower, upper) = model.Band(forecast, 1.28);

        Assert.All(lower, v => Assert.True(v >= 0));
        // 10:00 (slot 40) is a peak slot; 03:00 (slot 12) the hall is closed and nothing swings.
        Assert.True(upper[40] - lower[40] > 1, $"peak band {lower[40]:F1}..{upper[40]:F1}");
        Assert.Equal(0, upper[12] - lower[12], 6);
    }

    [Fact]
    public void Less_than_two_whole_weeks_or_a_negative_count_is_refused_with_the_reason()
    {
        Assert.Contains("at least two", Assert.Throws<ArgumentException>(() => HoltWinters.Fit(new double[Slots.PerWeek])).Message);
        var bad = new double[2 * Slots.PerWeek];
        bad[5] = -1;
        Assert.Contains("zero or more", Assert.Throws<ArgumentException>(() => HoltWinters.Fit(bad)).Message);
    }

    /// <summary>Customers per slot over whole weeks from a Monday, drawn as Poisson counts of the hall's expected demand.</summary>
    public static double[] Arrivals(HallDemand demand, DateOnly monday, int weeks, int seed)
    {
        var random = new Random(seed);
        var series = new double[weeks * Slots.PerWeek];
        var firstOpenSlot = (int)(ArrivalProfile.Opens / Slots.Length);
        for (var d = 0; d < weeks * 7; d++)
        {
            var rates = demand.RatesPerHour(monday.AddDays(d));
            for (var s = 0; s < rates.Length; s++)
            {
                series[(d * Slots.PerDay) + firstOpenSlot + s] = rates[s] > 0 ? Poisson.Sample(random, rates[s] * Slots.Length.TotalHours) : 0;
            }
        }

        return series;
    }
}
