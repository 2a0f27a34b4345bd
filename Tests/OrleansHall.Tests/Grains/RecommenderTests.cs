using System.Collections.Immutable;
using OrleansHall.Customer;
using OrleansHall.Grains.Customer;

namespace OrleansHall.Tests.Grains;

public sealed class RecommenderTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Recommendations_follow_the_customers_business_and_tags_each_with_a_reason()
    {
        var billsOnly = Recommender.For(Profile(), Visits("bill-payment", "bill-payment", "bill-payment"));
        var special = Recommender.For(Profile(CustomerTags.SpecialNeeds), Visits("meter-issue"));
        var business = Recommender.For(Profile(CustomerTags.Enterprise), Visits("account-change"));
        var ev = Recommender.For(Profile(CustomerTags.EvOwner), Visits("new-connection"));

        Assert.Equal(["auto-pay", "e-bill", "time-of-use"], billsOnly.Select(r => r.Key));
        Assert.Contains("3 times", billsOnly[0].Reason);
        Assert.Equal(["home-service", "smart-meter"], special.Take(2).Select(r => r.Key));
        Assert.Equal("energy-audit", business[0].Key);
        Assert.Contains(business, r => r.Key == "capacity");
        Assert.Equal("ev-charger", ev[0].Key);
        foreach (var r in billsOnly.Concat(special).Concat(business).Concat(ev))
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Reason));
        }
    }

    [Fact]
    public void A_customer_with_no_history_still_gets_a_suggestion_and_never_more_than_three()
    {
        var none = Recommender.For(Profile(), []);
        var lots = Recommender.For(Profile(CustomerTags.Vip, CustomerTags.SpecialNeeds, CustomerTags.Enterprise, CustomerTags.EvOwner, CustomerTags.Homeowner),
            Visits("bill-payment", "invoice", "meter-issue", "new-connection", "account-change", "bill-payment"));

        Assert.Equal(["time-of-use"], none.Select(r => r.Key));
        Assert.Equal(Recommender.Shown, lots.Length);
        Assert.True(lots.Zip(lots.Skip(1)).All(p => p.First.Score >= p.Second.Score), "best first");
    }

    [Fact]
    public void The_card_names_the_open_appointment_only_within_its_window_and_at_its_hall()
    {
        var appointment = new Appointment(Guid.NewGuid(), "zhenhai", Day.AddHours(2), "new-connection", "am-1", Day.AddDays(-3), "clerk-1");
        ImmutableArray<Appointment> booked = [appointment];

        var early = StrategyCards.For(Profile(CustomerTags.Vip), [], booked, "zhenhai", "cam", Day.AddHours(2) - StrategyCards.OpenBefore - TimeSpan.FromMinutes(1));
        var open = StrategyCards.For(Profile(CustomerTags.Vip), [], booked, "zhenhai", "cam", Day, id => id == "am-1" ? "Zhou" : null);
        var otherHall = StrategyCards.For(Profile(CustomerTags.Vip), [], booked, "beilun", "cam", Day);
        var late = StrategyCards.For(Profile(CustomerTags.SpecialNeeds), [], booked, "zhenhai", "cam", Day.AddHours(2) + StrategyCards.OpenAfter + TimeSpan.FromMinutes(1));

        Assert.Equal(("guide-to-vip-area", null), (early.Action, early.Appointment));
        Assert.Equal(("call-account-manager", appointment, "am-1"), (open.Action, open.Appointment, open.AccountManagerId));
        Assert.Contains("Zhou", open.ActionText);
        Assert.Null(otherHall.Appointment);
        Assert.Equal(("meet-at-door", null), (late.Action, late.AccountManagerId));
    }

    [Fact]
    public void A_recommendation_stored_before_it_had_reason_figures_reads_back_and_saves_again()
    {
        // Grain state is stored as JSON; a staff member's kept cards from an older version have no "ReasonArgs".
        const string stored = """{"Key":"auto-pay","Title":"Bank auto-pay","Reason":"Paid a bill 3 times.","Score":5}""";

        var old = System.Text.Json.JsonSerializer.Deserialize<Recommendation>(stored)!;
        var saved = System.Text.Json.JsonSerializer.Serialize(old);

        Assert.Empty(old.ReasonArgs);
        Assert.Contains("\"ReasonArgs\":[]", saved);
    }

    private static CustomerProfile Profile(params string[] tags) => new("c-1", "王芳", "zhenhai", [.. tags]);

    private static ImmutableArray<Visit> Visits(params string[] reasons)
        => [.. reasons.Select((r, i) => new Visit("zhenhai", Day.AddDays(-i - 1), r))];
}
