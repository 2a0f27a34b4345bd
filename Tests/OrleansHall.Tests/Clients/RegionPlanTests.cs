using OrleansHall.Clients.Simulation;
using OrleansHall.Customer;

namespace OrleansHall.Tests.Clients;

public sealed class RegionPlanTests
{
    [Fact]
    public void A_region_of_ten_has_the_named_ningbo_halls_with_distinct_ids()
    {
        var halls = HallPlan.Region(10);

        Assert.Equal("zhenhai", halls[0].HallId);
        Assert.Equal("镇海营业厅", halls[0].Name);
        Assert.Equal("beilun", halls[1].HallId);
        Assert.Equal(10, halls.Select(h => h.HallId).Distinct().Count());
        Assert.All(halls, h => Assert.InRange(h.Counters.Length, 3, 4));
    }

    [Fact]
    public void Halls_beyond_the_named_ones_get_generated_ids()
    {
        var halls = HallPlan.Region(12);

        Assert.Equal("hall12", halls[11].HallId);
        Assert.Equal(12, halls.Select(h => h.HallId).Distinct().Count());
    }

    [Fact]
    public void A_hall_counter_team_can_keep_up_with_its_weekday_peak_on_average()
    {
        // About three in four visitors take a ticket; a clerk serves about eight an hour at a 7-minute mean.
        foreach (var hall in HallPlan.Region(10))
        {
            var ticketsPerHour = hall.PeakPerHour * 0.75;
            var capacityPerHour = hall.Counters.Length * 60 / 7.4;
            Assert.True(ticketsPerHour < 1.2 * capacityPerHour, $"{hall.HallId}: {ticketsPerHour:0} tickets/h vs {capacityPerHour:0} served/h");
        }
    }

    [Fact]
    public void One_customer_in_ten_is_vip_and_one_in_ten_has_special_needs()
    {
        var tags = Enumerable.Range(1, RegionSetup.CustomersPerHall).Select(RegionSetup.Tags).ToList();

        Assert.Equal(3, tags.Count(t => t.Contains(CustomerTags.Vip)));
        Assert.Equal(2, tags.Count(t => t.Contains(CustomerTags.SpecialNeeds)));
        Assert.DoesNotContain(tags, t => t.Count > 1);
    }
}
