using System.Collections.Immutable;
using OrleansHall.Common;
using OrleansHall.Customer;
using OrleansHall.Device;
using OrleansHall.Queue;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Grains;

/// <summary>What a customer does in the hall reaches their visits: the wait of each ticket, their kiosk use; tags follow.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CustomerBehaviourTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Ticket_waits_and_kiosk_use_reach_the_customers_visits_and_suggest_tags_staff_can_accept()
    {
        var hallId = await fixture.OpenHallAsync();
        var customerId = $"cust-{Guid.NewGuid():N}"[..14];
        var customer = Client.GetGrain<ICustomerGrain>(customerId);
        await customer.RegisterAsync("王芳", hallId, ImmutableSortedSet<string>.Empty);
        var queue = Client.GetGrain<IQueueGrain>(hallId);
        var kiosk = Client.GetDevice(hallId, "kiosk-1");
        await kiosk.RegisterAsync(DeviceKind.Kiosk);

        var uses = Enumerable.Range(0, 3).Select(_ => new DeviceUsage(Guid.NewGuid(), "bill-payment", true, fixture.Clock.GetUtcNow(), customerId)).ToList();
        foreach (var use in uses)
        {
            await kiosk.RecordUsageAsync(use);
        }

        await kiosk.RecordUsageAsync(uses[0]);  // re-sent after a lost reply: still one visit
        var waited = new List<TimeSpan>();
        foreach (var minutes in new[] { 25, 32 })
        {
            var ticket = await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "new-connection", customerId));
            fixture.Clock.Advance(TimeSpan.FromMinutes(minutes));
            var called = await queue.CallNextAsync(new CounterAction(Guid.NewGuid(), "C1"));
            Assert.Equal(ticket.Number, called?.Number);
            waited.Add(called!.Wait!.Value);
            await queue.StartServiceAsync(new CounterAction(Guid.NewGuid(), "C1", called.Number));
            await queue.CompleteAsync(new CounterAction(Guid.NewGuid(), "C1", called.Number));
        }

        var visits = await customer.GetVisitsAsync();
        var suggestions = await customer.GetTagSuggestionsAsync();
        await customer.SetTagAsync(CustomerTags.LongWaits, true);
        var afterAccepting = await customer.GetTagSuggestionsAsync();
        var unknown = await Assert.ThrowsAsync<UnknownEntityException>(() =>
            kiosk.RecordUsageAsync(new DeviceUsage(Guid.NewGuid(), "bill-payment", true, fixture.Clock.GetUtcNow(), "nobody-here")));

        Assert.Equal(3, visits.Count(v => v.Kind == VisitKind.Kiosk));
        Assert.Equal(waited.AsEnumerable().Reverse(), visits.Where(v => v.Kind == VisitKind.Ticket).Select(v => v.Wait!.Value));
        Assert.Equal([TimeSpan.FromMinutes(25), TimeSpan.FromMinutes(32)], waited);
        Assert.Equal([CustomerTags.LongWaits, CustomerTags.KioskUser], suggestions.Select(s => s.Tag));
        Assert.Equal([CustomerTags.KioskUser], afterAccepting.Select(s => s.Tag));
        Assert.Contains(await customer.GetRecommendationsAsync(), r => r.Key == "appointment");
        Assert.Contains("nobody-here", unknown.Message);
    }
}
