using OrleansHall.Analytics.Demand;

namespace OrleansHall.Analytics.Tests;

public sealed class HandlingTimeModelTests
{
    [Fact]
    public void Handling_times_centre_on_the_business_type_median_with_a_long_tail()
    {
        var random = new Random(42);
        var samples = Enumerable.Range(0, 20_000)
            .Select(_ => HandlingTimeModel.Default.Sample(BusinessTypes.NewConnection, random).TotalMinutes)
            .Order()
            .ToArray();

        var median = samples[samples.Length / 2];
        var p90 = samples[(int)(samples.Length * 0.9)];

        Assert.InRange(median, 14.25, 15.75);
        Assert.True(p90 > 1.6 * median, $"p90 {p90:0.0} should be well above the median {median:0.0}");
        Assert.All(samples, m => Assert.True(m > 0));
    }

    [Fact]
    public void A_bill_payment_is_quicker_than_a_new_connection()
    {
        Assert.True(HandlingTimeModel.Default.Median(BusinessTypes.BillPayment) < HandlingTimeModel.Default.Median(BusinessTypes.NewConnection));
    }

    [Fact]
    public void Business_type_mix_picks_bill_payment_most_often()
    {
        var random = new Random(9);
        var picks = Enumerable.Range(0, 10_000).Select(_ => BusinessTypes.Pick(random)).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(BusinessTypes.All.Order(), picks.Keys.Order());
        Assert.InRange(picks[BusinessTypes.BillPayment], 3_700, 4_300);
        Assert.Equal(BusinessTypes.BillPayment, picks.MaxBy(p => p.Value).Key);
    }
}
