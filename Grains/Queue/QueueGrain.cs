using OrleansHall.Grains.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using System.Collections.Immutable;
using OrleansHall.Common;
using OrleansHall.Customer;
using OrleansHall.Grains.Common;
using OrleansHall.Grains.Events;
using OrleansHall.Grains.Hall;
using OrleansHall.Hall;
using OrleansHall.Queue;
using OrleansHall.Staff;

namespace OrleansHall.Grains.Queue;

/// <summary>One hall's ticket queue. Each change is saved, then logged, then acknowledged.</summary>
public sealed class QueueGrain(
    [PersistentState("queue", StorageNames.Grains)] IPersistentState<QueueState> state,
    IEventLog eventLog,
    [FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock) : Grain, IQueueGrain
{
    private string HallId => this.GetPrimaryKeyString();

    private IHallGrain Hall => GrainFactory.GetGrain<IHallGrain>(HallId);

    public async Task<Ticket> IssueTicketAsync(TicketRequest request)
    {
        var config = await Hall.GetConfigAsync();
        var typeIndex = config.BusinessTypes.IndexOf(request.BusinessType);
        if (typeIndex < 0)
        {
            throw new RejectedRequestException(
                $"Unknown business type '{request.BusinessType}' in hall '{HallId}': expected one of {string.Join(", ", config.BusinessTypes)}.");
        }

        if (await RememberedAsync(request.EventId) is { } earlier)
        {
            return earlier;
        }

        var priority = TicketPriority.Regular;
        if (request.CustomerId is not null)
        {
            var profile = await GrainFactory.GetGrain<ICustomerGrain>(request.CustomerId).GetProfileAsync();
            priority = profile.IsVip ? TicketPriority.Vip : profile.HasSpecialNeeds ? TicketPriority.SpecialNeeds : TicketPriority.Regular;
        }

        var prefix = priority == TicketPriority.Vip ? "V" : ((char)('A' + typeIndex % 26)).ToString();
        var now = clock.GetUtcNow();
        var (next, ticket) = QueueRules.Issue(Today(config), request.BusinessType, prefix, request.CustomerId, priority, now);
        ticket = await CommitAsync(next, request.EventId, ticket, config, "ticket-issued");

        if (request.CustomerId is not null)
        {
            await GrainFactory.GetGrain<ICustomerGrain>(request.CustomerId)
                .RecordVisitAsync(new Visit(HallId, ticket.IssuedAt, request.BusinessType, VisitKind.Ticket, ticket.Number, EventId: request.EventId));
        }

        if (priority == TicketPriority.Vip)
        {
            await Hall.NotifyStaffAsync(StaffNotice.ToEveryone(new StaffPush("vip-waiting",
                $"VIP customer {request.CustomerId} took ticket {ticket.Number} ({ticket.BusinessType}).", HallId, now, ticket.Number, request.CustomerId)));
        }

        return ticket;
    }

    public async Task OpenCounterAsync(string counter, string? staffId)
    {
        var config = await Hall.GetConfigAsync();
        RequireCounter(config, counter);
        var today = Today(config);
        var desk = today.Counters.GetValueOrDefault(counter) ?? new CounterState(true, staffId, null, 0);
        await state.SaveAsync(today with { Counters = today.Counters.SetItem(counter, desk with { Open = true, StaffId = staffId }) }, this);
        await Hall.QueueChangedAsync(Summary(config));
    }

    public async Task CloseCounterAsync(string counter)
    {
        var config = await Hall.GetConfigAsync();
        RequireCounter(config, counter);
        var today = Today(config);
        if (today.Counters.GetValueOrDefault(counter) is { } desk)
        {
            if (desk.CurrentTicket is not null)
            {
                throw new RejectedRequestException($"Counter {counter} is still on ticket {desk.CurrentTicket}: finish it before closing.");
            }

            await state.SaveAsync(today with { Counters = today.Counters.SetItem(counter, desk with { Open = false }) }, this);
            await Hall.QueueChangedAsync(Summary(config));
        }
    }

    public async Task<Ticket?> CallNextAsync(CounterAction action)
    {
        var (config, earlier) = await PrepareAsync(action);
        if (earlier is not null)
        {
            return earlier;
        }

        var today = Today(config);
        if (today.Counters.GetValueOrDefault(action.Counter)?.CurrentTicket is null
            && QueueRules.CallingOrder(today.Open, clock.GetUtcNow()).IsEmpty)
        {
            // Nobody waiting is an answer, not a fault: the clerk looks again later.
            return null;
        }

        var (next, ticket) = QueueRules.CallNext(Today(config), HallId, action.Counter, action.StaffId, clock.GetUtcNow());
        ticket = await CommitAsync(next, action.EventId, ticket, config, "ticket-called");
        if (ticket is { CustomerId: { } customerId, Wait: { } wait })
        {
            // The wait is what the customer lived through; their tag suggestions read it.
            await GrainFactory.GetGrain<ICustomerGrain>(customerId).RecordWaitAsync(HallId, ticket.Number, ticket.IssuedAt, wait);
        }

        var staffId = next.Counters[action.Counter].StaffId;
        if (staffId is not null)
        {
            await GrainFactory.GetGrain<IStaffGrain>(staffId).PushAsync(new StaffPush("ticket-called",
                $"Ticket {ticket.Number} ({ticket.BusinessType}) called to counter {action.Counter}.", HallId, ticket.CalledAt!.Value,
                ticket.Number, ticket.CustomerId));
        }

        return ticket;
    }

    public Task<Ticket> StartServiceAsync(CounterAction action) => ActAsync(action, QueueRules.Start, "ticket-started");

    public Task<Ticket> CompleteAsync(CounterAction action) => ActAsync(action, QueueRules.Complete, "ticket-completed");

    public Task<Ticket> NoShowAsync(CounterAction action) => ActAsync(action, QueueRules.NoShow, "ticket-no-show");

    public async Task<QueueSummary> GetSummaryAsync() => Summary(await Hall.GetConfigAsync());

    public async Task<ImmutableArray<Ticket>> GetWaitingAsync()
        => QueueRules.CallingOrder(Today(await Hall.GetConfigAsync()).Open, clock.GetUtcNow());

    public async Task<TimeSpan> PredictWaitAsync(string businessType)
    {
        var config = await Hall.GetConfigAsync();
        if (!config.BusinessTypes.Contains(businessType))
        {
            throw new RejectedRequestException(
                $"Unknown business type '{businessType}' in hall '{HallId}': expected one of {string.Join(", ", config.BusinessTypes)}.");
        }

        return QueueRules.PredictWait(Today(config), businessType, TicketPriority.Regular, clock.GetUtcNow());
    }

    private async Task<Ticket> ActAsync(
        CounterAction action,
        Func<QueueState, string, string?, DateTimeOffset, (QueueState, Ticket)> rule,
        string kind)
    {
        var (config, earlier) = await PrepareAsync(action);
        if (earlier is not null)
        {
            return earlier;
        }

        var (next, ticket) = rule(Today(config), action.Counter, action.TicketNumber, clock.GetUtcNow());
        return await CommitAsync(next, action.EventId, ticket, config, kind);
    }

    private async Task<(HallConfig Config, Ticket? Earlier)> PrepareAsync(CounterAction action)
    {
        var config = await Hall.GetConfigAsync();
        RequireCounter(config, action.Counter);
        return (config, await RememberedAsync(action.EventId));
    }

    /// <summary>Saves the new state, logs the event, tells the hall; only then is the request acknowledged.</summary>
    private async Task<Ticket> CommitAsync(QueueState next, Guid eventId, Ticket ticket, HallConfig config, string kind)
    {
        var logged = EventFactory.Create(eventId, HallId, kind, ticket.Number, clock.GetUtcNow(), ticket);
        await state.ApplyAsync(next, logged, eventLog, this);
        Telemetry.Count(Telemetry.TicketSteps, "kind", kind);
        await Hall.QueueChangedAsync(Summary(config));
        return ticket;
    }

    /// <summary>The answer given to a request applied before (the ticket as it was then), after making sure its event is logged.</summary>
    private async Task<Ticket?> RememberedAsync(Guid eventId)
    {
        if (!state.State.Journal.Contains(eventId))
        {
            return null;
        }

        var applied = state.State.Journal.FindUnlogged(eventId);
        await state.FlushAsync(eventLog);
        applied ??= await eventLog.FindAsync(eventId)
            ?? throw new InvalidOperationException($"Request {eventId} was applied to queue '{HallId}' but its event is neither pending nor in the log.");
        return EventFactory.Payload<Ticket>(applied)
            ?? throw new InvalidOperationException($"The logged event {eventId} of queue '{HallId}' holds no ticket.");
    }

    private QueueSummary Summary(HallConfig config)
        => QueueRules.Summarize(Today(config), config.BusinessTypes, config.Counters, clock.GetUtcNow());

    /// <summary>The state for today: on a new local day numbering, sums and leftover tickets start afresh.</summary>
    private QueueState Today(HallConfig config)
    {
        var today = LocalDay.Today(clock);
        if (state.State.Day == today)
        {
            return state.State;
        }

        var counters = state.State.Counters.ToImmutableDictionary(c => c.Key, c => c.Value with { CurrentTicket = null, ServedToday = 0 });
        return new QueueState { Day = today, Counters = counters, Journal = state.State.Journal };
    }

    private void RequireCounter(HallConfig config, string counter)
    {
        if (!config.Counters.Contains(counter))
        {
            throw new RejectedRequestException($"Unknown counter '{counter}' in hall '{HallId}': expected one of {string.Join(", ", config.Counters)}.");
        }
    }
}
