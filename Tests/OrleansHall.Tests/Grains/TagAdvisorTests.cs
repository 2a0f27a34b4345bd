using System.Collections.Immutable;
using OrleansHall.Customer;
using OrleansHall.Grains.Customer;

namespace OrleansHall.Tests.Grains;

public sealed class TagAdvisorTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_frequent_visitor_is_counted_in_days_in_the_hall_within_the_window()
    {
        ImmutableArray<Visit> fourDays = [.. new[] { 1, 8, 30, 89 }.Select(d => Ticket(Now.AddDays(-d)))];
        ImmutableArray<Visit> oneBusyDay = [.. Enumerable.Range(0, 6).Select(i => Ticket(Now.AddDays(-2).AddMinutes(i * 20)))];
        ImmutableArray<Visit> mostlyOld = [.. new[] { 1, 8, 91, 120 }.Select(d => Ticket(Now.AddDays(-d)))];

        var frequent = TagAdvisor.Suggest(Profile(), fourDays, Now);

        Assert.Equal([CustomerTags.FrequentVisitor], frequent.Select(s => s.Tag));
        Assert.Equal(4, frequent[0].Evidence);
        Assert.Contains("4 days", frequent[0].Reason);
        Assert.Empty(TagAdvisor.Suggest(Profile(), oneBusyDay, Now));
        Assert.Empty(TagAdvisor.Suggest(Profile(), mostlyOld, Now));
        Assert.Empty(TagAdvisor.Suggest(Profile(CustomerTags.FrequentVisitor), fourDays, Now));
    }

    [Theory]
    [InlineData(new[] { 25, 31, 5 }, true)]
    [InlineData(new[] { 20, 20 }, true)]
    [InlineData(new[] { 25, 5, 5, 5 }, false)]
    [InlineData(new[] { 45 }, false)]
    [InlineData(new[] { 19, 19, 19 }, false)]
    public void Long_waits_need_two_of_twenty_minutes_or_more_and_at_least_half_of_the_waits(int[] minutes, bool suggested)
    {
        ImmutableArray<Visit> visits = [.. minutes.Select((m, i) => Ticket(Now.AddDays(-i - 1), TimeSpan.FromMinutes(m)))];

        var tags = TagAdvisor.Suggest(Profile(), visits, Now).Select(s => s.Tag);

        Assert.Equal(suggested, tags.Contains(CustomerTags.LongWaits));
    }

    [Fact]
    public void Kiosk_use_is_counted_from_kiosk_visits_only()
    {
        ImmutableArray<Visit> kiosk = [.. Enumerable.Range(1, 3).Select(d => new Visit("zhenhai", Now.AddDays(-d), "bill-payment", VisitKind.Kiosk))];
        ImmutableArray<Visit> seen = [.. Enumerable.Range(1, 3).Select(d => new Visit("zhenhai", Now.AddDays(-d), "recognised by camera cam-1", VisitKind.Recognition))];

        var suggestion = Assert.Single(TagAdvisor.Suggest(Profile(), kiosk, Now));

        Assert.Equal((CustomerTags.KioskUser, 3), (suggestion.Tag, suggestion.Evidence));
        Assert.Empty(TagAdvisor.Suggest(Profile(), seen, Now));
    }

    [Fact]
    public void An_accepted_behaviour_tag_moves_the_recommendations()
    {
        ImmutableArray<Visit> kiosk = [.. Enumerable.Range(1, 3).Select(d => new Visit("zhenhai", Now.AddDays(-d), "bill-payment", VisitKind.Kiosk))];

        var before = Recommender.For(Profile(), kiosk).Select(r => r.Key);
        var waits = Recommender.For(Profile(CustomerTags.LongWaits), kiosk);
        var kioskUser = Recommender.For(Profile(CustomerTags.KioskUser), kiosk);

        Assert.DoesNotContain("appointment", before);
        Assert.DoesNotContain("app-self-service", before);
        Assert.Contains(waits, r => r.Key == "appointment");
        Assert.Contains(kioskUser, r => r.Key == "app-self-service" && r.ReasonArgs.SequenceEqual(["3"]));
    }

    private static Visit Ticket(DateTimeOffset at, TimeSpan? wait = null) => new("zhenhai", at, "bill-payment", VisitKind.Ticket, "A001", wait);

    private static CustomerProfile Profile(params string[] tags) => new("c-1", "王芳", "zhenhai", [.. tags]);
}
