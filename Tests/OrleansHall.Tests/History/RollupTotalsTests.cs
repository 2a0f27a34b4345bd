using OrleansHall.History;

namespace OrleansHall.Tests.History;

public sealed class RollupTotalsTests
{
    private static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Means_and_service_level_are_weighted_by_customers_not_averaged_over_slots()
    {
        // Slot 1: one customer waited 20 min (late). Slot 2: three waited 2 min each (on time).
        var slots = new[]
        {
            Slot(Nine, entries: 4, peak: 6, new BusinessRollup("invoice", 1, 1, 0, 1, 0, 20, 5, 1, 3), new CounterRollup("C1", 1, 5)),
            Slot(Nine.AddMinutes(15), entries: 2, peak: 3, new BusinessRollup("invoice", 4, 3, 3, 2, 1, 6, 8, 3, 3), new CounterRollup("C1", 2, 8)),
        };

        var totals = RollupTotals.Of(slots);

        Assert.Equal((6, 6, 5, 3, 1), (totals.Entries, totals.PeakOccupancy, totals.Issued, totals.Served, totals.NoShows));
        Assert.Equal(26.0 / 4, totals.MeanWaitMinutes);
        Assert.Equal(0.75, totals.ServiceLevel);
        Assert.Equal(13.0 / 3, totals.MeanHandlingMinutes!.Value, 2);
        var invoice = Assert.Single(totals.ByType);
        Assert.Equal(6.0 / 4, invoice.PredictionErrorMinutes);
        var counter = Assert.Single(totals.ByCounter);
        Assert.Equal((3, 13.0), (counter.Served, counter.HandlingMinutes));
    }

    [Fact]
    public void No_slots_give_zeros_and_no_means()
    {
        var totals = RollupTotals.Of([]);

        Assert.Equal((0, 0), (totals.Entries, totals.Issued));
        Assert.Null(totals.MeanWaitMinutes);
        Assert.Null(totals.ServiceLevel);
        Assert.Empty(totals.ByType);
    }

    private static SlotRollup Slot(DateTimeOffset start, int entries, int peak, BusinessRollup type, CounterRollup counter)
        => new(start, entries, entries, peak, [type], 0, 0, 0, 0, 0, [counter]);
}
