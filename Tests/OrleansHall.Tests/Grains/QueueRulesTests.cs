using OrleansHall.Grains.Queue;
using OrleansHall.Queue;

namespace OrleansHall.Tests.Grains;

public sealed class QueueRulesTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_regular_ticket_waiting_past_the_ageing_limit_overtakes_newer_special_needs_tickets()
    {
        var old = Ticket("A001", TicketPriority.Regular, Nine);
        var special = Ticket("A002", TicketPriority.SpecialNeeds, Nine.AddMinutes(10));
        var vip = Ticket("V001", TicketPriority.Vip, Nine.AddMinutes(20));

        var early = QueueRules.CallingOrder([old, special, vip], Nine.AddMinutes(25));
        var late = QueueRules.CallingOrder([old, special, vip], Nine + QueueRules.Ageing);

        Assert.Equal(["V001", "A002", "A001"], early.Select(t => t.Number));
        Assert.Equal(["V001", "A001", "A002"], late.Select(t => t.Number));
    }

    [Fact]
    public void Handling_history_of_a_business_type_drives_its_predicted_wait()
    {
        var state = new QueueState { Counters = System.Collections.Immutable.ImmutableDictionary<string, CounterState>.Empty.Add("C1", new CounterState(true, null, null, 0)) };
        for (var i = 0; i < 3; i++)
        {
            (state, _) = QueueRules.Issue(state, "invoice", "A", null, TicketPriority.Regular, Nine);
        }

        var noHistory = QueueRules.PredictWait(state, "invoice", TicketPriority.Regular, Nine);
        state = state with { RecentHandling = state.RecentHandling.Add("invoice", [2.0, 2.0, 2.0]) };
        var quick = QueueRules.PredictWait(state, "invoice", TicketPriority.Regular, Nine);

        Assert.Equal(TimeSpan.FromMinutes(3 * QueueRules.DefaultHandlingMinutes), noHistory);
        Assert.Equal(TimeSpan.FromMinutes(6), quick);
    }

    [Fact]
    public void A_vip_is_predicted_to_wait_only_for_tickets_of_equal_or_higher_priority()
    {
        var state = new QueueState();
        (state, _) = QueueRules.Issue(state, "invoice", "A", null, TicketPriority.Regular, Nine);
        (state, _) = QueueRules.Issue(state, "invoice", "A", null, TicketPriority.Regular, Nine);

        var (_, vip) = QueueRules.Issue(state, "invoice", "V", "c1", TicketPriority.Vip, Nine);

        Assert.Equal(TimeSpan.Zero, vip.PredictedWait);
    }

    [Fact]
    public void Ticket_numbers_run_per_business_type()
    {
        var state = new QueueState();
        (state, var a1) = QueueRules.Issue(state, "invoice", "A", null, TicketPriority.Regular, Nine);
        (state, var b1) = QueueRules.Issue(state, "meter-issue", "B", null, TicketPriority.Regular, Nine);
        (_, var a2) = QueueRules.Issue(state, "invoice", "A", null, TicketPriority.Regular, Nine);

        Assert.Equal(["A001", "B001", "A002"], [a1.Number, b1.Number, a2.Number]);
    }

    [Fact]
    public void Vip_tickets_of_different_business_types_never_share_a_number()
    {
        var state = new QueueState();
        (state, var first) = QueueRules.Issue(state, "invoice", "V", "c1", TicketPriority.Vip, Nine);
        (state, var second) = QueueRules.Issue(state, "meter-issue", "V", "c2", TicketPriority.Vip, Nine);

        Assert.Equal(["V001", "V002"], [first.Number, second.Number]);
        Assert.Equal(1, state.IssuedByType["meter-issue"]);
    }

    private static Ticket Ticket(string number, TicketPriority priority, DateTimeOffset issued)
        => new(number, "invoice", null, priority, TicketStatus.Waiting, issued);
}
