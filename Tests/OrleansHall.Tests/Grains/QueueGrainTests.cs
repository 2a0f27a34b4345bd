using System.Collections.Immutable;
using OrleansHall.Common;
using OrleansHall.Customer;
using OrleansHall.Queue;
using OrleansHall.Staff;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class QueueGrainTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Ticket_for_vip_customer_is_called_before_earlier_regular_tickets()
    {
        var hallId = await fixture.OpenHallAsync();
        var queue = Client.GetGrain<IQueueGrain>(hallId);
        var vip = await AddCustomerAsync(hallId, CustomerTags.Vip);
        var regular = await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "bill-payment"));
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        var vipTicket = await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "bill-payment", vip));

        var first = await queue.CallNextAsync(new CounterAction(Guid.NewGuid(), "C1"));
        var second = await queue.CallNextAsync(new CounterAction(Guid.NewGuid(), "C2"));

        Assert.Equal(TicketPriority.Vip, vipTicket.Priority);
        Assert.StartsWith("V", vipTicket.Number);
        Assert.Equal(vipTicket.Number, first?.Number);
        Assert.Equal(regular.Number, second?.Number);
    }

    [Fact]
    public async Task Special_needs_customers_go_before_regular_ones_but_after_vips()
    {
        var hallId = await fixture.OpenHallAsync();
        var queue = Client.GetGrain<IQueueGrain>(hallId);
        var elderly = await AddCustomerAsync(hallId, CustomerTags.SpecialNeeds);
        var vip = await AddCustomerAsync(hallId, CustomerTags.Vip);
        var regular = await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "new-connection"));
        var special = await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "bill-payment", elderly));
        var vipTicket = await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "bill-payment", vip));

        var order = await queue.GetWaitingAsync();

        Assert.Equal([vipTicket.Number, special.Number, regular.Number], order.Select(t => t.Number));
    }

    [Fact]
    public async Task Calling_on_an_empty_queue_answers_nobody_and_leaves_the_counter_free()
    {
        var hallId = await fixture.OpenHallAsync();
        var queue = Client.GetGrain<IQueueGrain>(hallId);

        var called = await queue.CallNextAsync(new CounterAction(Guid.NewGuid(), "C1"));

        Assert.Null(called);
        var summary = await queue.GetSummaryAsync();
        Assert.Equal(0, summary.Waiting);
        Assert.Null(summary.Counters.Single(c => c.Counter == "C1").CurrentTicket);
        Assert.Equal(0, await fixture.CountEventsAsync(hallId, "ticket-called"));
    }

    [Fact]
    public async Task Wait_and_handling_times_are_measured_from_issue_call_start_and_completion()
    {
        var hallId = await fixture.OpenHallAsync();
        var queue = Client.GetGrain<IQueueGrain>(hallId);
        var ticket = await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "bill-payment"));
        fixture.Clock.Advance(TimeSpan.FromMinutes(4));
        await queue.CallNextAsync(new CounterAction(Guid.NewGuid(), "C1"));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await queue.StartServiceAsync(new CounterAction(Guid.NewGuid(), "C1", ticket.Number));
        fixture.Clock.Advance(TimeSpan.FromMinutes(7));

        var done = await queue.CompleteAsync(new CounterAction(Guid.NewGuid(), "C1"));

        Assert.Equal(TimeSpan.FromMinutes(4), done.Wait);
        Assert.Equal(TimeSpan.FromMinutes(7), done.Handling);
        var summary = await queue.GetSummaryAsync();
        Assert.Equal((1, 1, 4.0, 7.0), (summary.IssuedToday, summary.CompletedToday, summary.AverageWaitMinutes, summary.AverageHandlingMinutes));
        Assert.Equal(1, summary.Counters.Single(c => c.Counter == "C1").ServedToday);
        Assert.Equal(1, await fixture.CountEventsAsync(hallId, "ticket-completed"));
    }

    [Fact]
    public async Task Predicted_wait_grows_with_the_queue_and_shrinks_with_open_counters()
    {
        var hallId = await fixture.OpenHallAsync();
        var queue = Client.GetGrain<IQueueGrain>(hallId);
        await queue.OpenCounterAsync("C1", null);
        var empty = await queue.PredictWaitAsync("bill-payment");
        for (var i = 0; i < 4; i++)
        {
            await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "bill-payment"));
        }

        var oneCounter = await queue.PredictWaitAsync("bill-payment");
        await queue.OpenCounterAsync("C2", null);
        var twoCounters = await queue.PredictWaitAsync("bill-payment");

        Assert.True(oneCounter > empty, $"4 waiting ({oneCounter}) should predict longer than none ({empty})");
        Assert.True(twoCounters < oneCounter, $"two counters ({twoCounters}) should predict less than one ({oneCounter})");
    }

    [Fact]
    public async Task A_counter_cannot_call_again_before_finishing_its_ticket()
    {
        var hallId = await fixture.OpenHallAsync();
        var queue = Client.GetGrain<IQueueGrain>(hallId);
        await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "bill-payment"));
        await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "bill-payment"));
        var called = await queue.CallNextAsync(new CounterAction(Guid.NewGuid(), "C1"));

        var error = await Assert.ThrowsAsync<RejectedRequestException>(() => queue.CallNextAsync(new CounterAction(Guid.NewGuid(), "C1")));

        Assert.NotNull(called);
        Assert.Contains(called.Number, error.Message);
        Assert.Equal(1, (await queue.GetSummaryAsync()).Waiting);
    }

    [Fact]
    public async Task A_no_show_leaves_the_queue_and_frees_the_counter()
    {
        var hallId = await fixture.OpenHallAsync();
        var queue = Client.GetGrain<IQueueGrain>(hallId);
        await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "bill-payment"));
        var called = await queue.CallNextAsync(new CounterAction(Guid.NewGuid(), "C1"));

        var gone = await queue.NoShowAsync(new CounterAction(Guid.NewGuid(), "C1"));

        Assert.Equal((called?.Number, TicketStatus.NoShow), (gone.Number, gone.Status));
        var summary = await queue.GetSummaryAsync();
        Assert.Equal((0, 1), (summary.Waiting, summary.NoShowsToday));
        Assert.Null(summary.Counters.Single(c => c.Counter == "C1").CurrentTicket);
    }

    [Fact]
    public async Task Unknown_business_types_and_counters_are_refused_with_the_valid_choices()
    {
        var hallId = await fixture.OpenHallAsync();
        var queue = Client.GetGrain<IQueueGrain>(hallId);

        var type = await Assert.ThrowsAsync<RejectedRequestException>(() => queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "lottery")));
        var counter = await Assert.ThrowsAsync<RejectedRequestException>(() => queue.CallNextAsync(new CounterAction(Guid.NewGuid(), "C9")));

        Assert.Contains("bill-payment", type.Message);
        Assert.Contains("C1, C2", counter.Message);
        Assert.Equal(0, (await queue.GetSummaryAsync()).IssuedToday);
    }

    [Fact]
    public async Task A_ticket_request_resent_with_the_same_id_returns_the_same_ticket()
    {
        var hallId = await fixture.OpenHallAsync();
        var queue = Client.GetGrain<IQueueGrain>(hallId);
        var request = new TicketRequest(Guid.NewGuid(), "bill-payment");

        var first = await queue.IssueTicketAsync(request);
        var again = await queue.IssueTicketAsync(request);

        Assert.Equal(first.Number, again.Number);
        Assert.Equal(1, (await queue.GetSummaryAsync()).IssuedToday);
        Assert.Equal(1, await fixture.CountEventsAsync(hallId, "ticket-issued"));
    }

    [Fact]
    public async Task The_clerk_at_the_counter_gets_the_called_ticket_on_the_handheld_and_vips_alert_the_floor()
    {
        var hallId = await fixture.OpenHallAsync();
        var queue = Client.GetGrain<IQueueGrain>(hallId);
        var clerk = Client.GetGrain<IStaffGrain>($"clerk-{hallId}");
        await clerk.RegisterAsync("Clerk", StaffRole.CounterClerk, hallId);
        await clerk.SetOnDutyAsync(true);
        var handheld = new PushRecorder();
        await clerk.SubscribeAsync(Client.CreateObjectReference<IStaffTerminal>(handheld));
        await queue.OpenCounterAsync("C1", clerk.GetPrimaryKeyString());
        var vip = await AddCustomerAsync(hallId, CustomerTags.Vip);
        await ClusterFixture.EventuallyAsync(
            async () => (await Client.GetGrain<OrleansHall.Hall.IHallGrain>(hallId).GetSnapshotAsync()).StaffOnDuty,
            s => s.Contains(clerk.GetPrimaryKeyString()), "the clerk on duty");

        var ticket = await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "bill-payment", vip));
        await queue.CallNextAsync(new CounterAction(Guid.NewGuid(), "C1"));

        await ClusterFixture.EventuallyAsync(() => Task.FromResult(handheld.Kinds()),
            k => k.Contains("vip-waiting") && k.Contains("ticket-called"), "VIP and call pushes on the handheld");
        Assert.Contains(handheld.Received, p => p.Kind == "ticket-called" && p.TicketNumber == ticket.Number);
    }

    private async Task<string> AddCustomerAsync(string hallId, string tag)
    {
        var id = $"cust-{Guid.NewGuid():N}"[..14];
        await Client.GetGrain<ICustomerGrain>(id).RegisterAsync("Customer", hallId, ImmutableSortedSet.Create(tag));
        return id;
    }

    private sealed class PushRecorder : IStaffTerminal
    {
        private readonly List<StaffPush> _received = [];

        public IReadOnlyList<StaffPush> Received
        {
            get
            {
                lock (_received)
                {
                    return [.. _received];
                }
            }
        }

        public ImmutableHashSet<string> Kinds() => Received.Select(p => p.Kind).ToImmutableHashSet();

        public Task ReceiveAsync(StaffPush push)
        {
            lock (_received)
            {
                _received.Add(push);
            }

            return Task.CompletedTask;
        }
    }
}
