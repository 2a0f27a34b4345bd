using System.Collections.Immutable;
using OrleansHall.Analytics.Queueing;
using OrleansHall.Common;
using OrleansHall.Queue;

namespace OrleansHall.Grains.Queue;

/// <summary>
/// The queue's rules as plain functions of its state: who is called next, what a new ticket will wait,
/// and what each counter action does to the state. Throws <see cref="RejectedRequestException"/> when an action
/// makes no sense, before anything changes.
/// </summary>
public static class QueueRules
{
    /// <summary>A regular ticket waiting this long is called as if it had special needs.</summary>
    public static readonly TimeSpan Ageing = TimeSpan.FromMinutes(30);

    /// <summary>Assumed handling time until a business type has enough history.</summary>
    public const double DefaultHandlingMinutes = 6;

    public const int HandlingSamplesKept = 20;

    private const int MinSamplesForTypeAverage = 3;

    public static TicketPriority EffectivePriority(Ticket ticket, DateTimeOffset now)
        => ticket.Priority == TicketPriority.Regular && now - ticket.IssuedAt >= Ageing ? TicketPriority.SpecialNeeds : ticket.Priority;

    /// <summary>Waiting tickets in calling order: higher (effective) priority first, then first come, first served.</summary>
    public static ImmutableArray<Ticket> CallingOrder(IEnumerable<Ticket> open, DateTimeOffset now)
        => [.. open.Where(t => t.Status == TicketStatus.Waiting)
            .OrderByDescending(t => EffectivePriority(t, now))
            .ThenBy(t => t.IssuedAt)
            .ThenBy(t => t.Number, StringComparer.Ordinal)];

    public static double AverageHandlingMinutes(QueueState state, string businessType)
    {
        if (state.RecentHandling.TryGetValue(businessType, out var own) && own.Length >= MinSamplesForTypeAverage)
        {
            return own.Average();
        }

        var all = state.RecentHandling.Values.SelectMany(v => v).ToList();
        return all.Count >= MinSamplesForTypeAverage ? all.Average() : DefaultHandlingMinutes;
    }

    /// <summary>
    /// The wait of a new ticket, by <see cref="CallingOrderPredictor"/>: the tickets to be called before it go to the
    /// counters in calling order, each counter free after its current customer's expected remaining time and then
    /// each ticket's own type's mean handling time. On simulated history it misses the actual wait by about half as
    /// much as the first rule (tickets ahead x handling / open counters); both errors are in the README.
    /// </summary>
    public static TimeSpan PredictWait(QueueState state, string businessType, TicketPriority priority, DateTimeOffset now)
        => Predictor.Predict(View(state, now), businessType, (int)priority);

    /// <summary>The queue as the wait predictors see it.</summary>
    public static QueueView View(QueueState state, DateTimeOffset now)
    {
        var waiting = CallingOrder(state.Open, now)
            .Select(t => new WaitingTicket(t.BusinessType, (int)EffectivePriority(t, now), t.IssuedAt))
            .ToList();
        var byNumber = state.Open.ToDictionary(t => t.Number, StringComparer.Ordinal);
        var counters = state.Counters.Values.Select(c => c.CurrentTicket is { } number && byNumber.TryGetValue(number, out var t)
                ? new CounterView(c.Open, t.BusinessType, t.StartedAt ?? t.CalledAt)
                : new CounterView(c.Open, null, null))
            .ToList();
        var recent = state.RecentHandling.ToDictionary(r => r.Key, r => (IReadOnlyList<double>)[.. r.Value]);
        return new QueueView(waiting, counters, recent, now);
    }

    private static readonly CallingOrderPredictor Predictor = new();

    public static (QueueState State, Ticket Ticket) Issue(
        QueueState state, string businessType, string prefix, string? customerId, TicketPriority priority, DateTimeOffset now)
    {
        // Numbers run per prefix, not per business type: VIP tickets of every type share the "V" series.
        var number = state.LastNumberByPrefix.GetValueOrDefault(prefix) + 1;
        var predicted = PredictWait(state, businessType, priority, now);
        var ticket = new Ticket($"{prefix}{number:D3}", businessType, customerId, priority, TicketStatus.Waiting, now, PredictedWait: predicted);
        return (state with
        {
            IssuedByType = state.IssuedByType.SetItem(businessType, state.IssuedByType.GetValueOrDefault(businessType) + 1),
            LastNumberByPrefix = state.LastNumberByPrefix.SetItem(prefix, number),
            Open = state.Open.Add(ticket),
        }, ticket);
    }

    public static (QueueState State, Ticket Ticket) CallNext(QueueState state, string hallId, string counter, string? staffId, DateTimeOffset now)
    {
        var desk = state.Counters.GetValueOrDefault(counter) ?? new CounterState(true, staffId, null, 0);
        if (desk.CurrentTicket is not null)
        {
            throw new RejectedRequestException(
                $"Counter {counter} is still on ticket {desk.CurrentTicket}: complete it or mark a no-show before calling the next one.");
        }

        var next = CallingOrder(state.Open, now).FirstOrDefault()
            ?? throw new RejectedRequestException($"No ticket is waiting in hall '{hallId}': nothing to call at counter {counter}.");
        var called = next with { Status = TicketStatus.Called, CalledAt = now, Counter = counter };
        var wait = (now - next.IssuedAt).TotalMinutes;
        var newState = Replace(state, called) with
        {
            Counters = state.Counters.SetItem(counter, desk with { Open = true, StaffId = staffId ?? desk.StaffId, CurrentTicket = called.Number }),
            WaitMinutesSum = state.WaitMinutesSum + wait,
            WaitCount = state.WaitCount + 1,
        };
        return (newState, called);
    }

    public static (QueueState State, Ticket Ticket) Start(QueueState state, string counter, string? number, DateTimeOffset now)
    {
        var ticket = AtCounter(state, counter, number, TicketStatus.Called, "start");
        var serving = ticket with { Status = TicketStatus.Serving, StartedAt = now };
        return (Replace(state, serving), serving);
    }

    public static (QueueState State, Ticket Ticket) Complete(QueueState state, string counter, string? number, DateTimeOffset now)
    {
        var ticket = AtCounter(state, counter, number, TicketStatus.Serving, "complete");
        var done = ticket with { Status = TicketStatus.Completed, FinishedAt = now };
        var minutes = (now - ticket.StartedAt!.Value).TotalMinutes;
        // Kept to a thousandth of a minute: plenty for predictions, and a third of the bytes in the saved state.
        var samples = state.RecentHandling.GetValueOrDefault(ticket.BusinessType, []).Add(Math.Round(minutes, 3));
        if (samples.Length > HandlingSamplesKept)
        {
            samples = samples.RemoveAt(0);
        }

        var desk = state.Counters[counter];
        var newState = state with
        {
            Open = state.Open.RemoveAll(t => t.Number == ticket.Number),
            Counters = state.Counters.SetItem(counter, desk with { CurrentTicket = null, ServedToday = desk.ServedToday + 1 }),
            Completed = state.Completed + 1,
            HandlingMinutesSum = state.HandlingMinutesSum + minutes,
            RecentHandling = state.RecentHandling.SetItem(ticket.BusinessType, samples),
        };
        return (newState, done);
    }

    public static (QueueState State, Ticket Ticket) NoShow(QueueState state, string counter, string? number, DateTimeOffset now)
    {
        var ticket = AtCounter(state, counter, number, TicketStatus.Called, "mark as no-show");
        var gone = ticket with { Status = TicketStatus.NoShow, FinishedAt = now };
        var desk = state.Counters[counter];
        var newState = state with
        {
            Open = state.Open.RemoveAll(t => t.Number == ticket.Number),
            Counters = state.Counters.SetItem(counter, desk with { CurrentTicket = null }),
            NoShows = state.NoShows + 1,
        };
        return (newState, gone);
    }

    public static QueueSummary Summarize(QueueState state, IEnumerable<string> businessTypes, IEnumerable<string> counters, DateTimeOffset now)
    {
        var waiting = state.Open.Where(t => t.Status == TicketStatus.Waiting).ToList();
        double LongestWait(IEnumerable<Ticket> tickets) => tickets.Select(t => (now - t.IssuedAt).TotalMinutes).DefaultIfEmpty(0).Max();
        var byType = businessTypes
            .Select(type =>
            {
                var ofType = waiting.Where(t => t.BusinessType == type).ToList();
                return new BusinessTypeQueue(type, ofType.Count, Round(LongestWait(ofType)),
                    PredictWait(state, type, TicketPriority.Regular, now).TotalMinutes);
            })
            .ToImmutableArray();
        var desks = counters
            .Select(c => state.Counters.GetValueOrDefault(c) is { } d
                ? new CounterStatus(c, d.Open, d.StaffId, d.CurrentTicket, d.ServedToday)
                : new CounterStatus(c, false, null, null, 0))
            .ToImmutableArray();
        return new QueueSummary(
            waiting.Count,
            Round(LongestWait(waiting)),
            state.Issued,
            state.Completed,
            state.NoShows,
            state.WaitCount == 0 ? 0 : Round(state.WaitMinutesSum / state.WaitCount),
            state.Completed == 0 ? 0 : Round(state.HandlingMinutesSum / state.Completed),
            byType,
            desks,
            Round(LongestWait(waiting.Where(t => t.Priority == TicketPriority.Vip))));
    }

    private static Ticket AtCounter(QueueState state, string counter, string? number, TicketStatus expected, string verb)
    {
        var current = state.Counters.GetValueOrDefault(counter)?.CurrentTicket;
        number ??= current;
        var ticket = state.Open.FirstOrDefault(t => t.Number == number)
            ?? throw new RejectedRequestException(number is null
                ? $"Counter {counter} has no called ticket to {verb}."
                : $"Ticket {number} is not open today: nothing to {verb}.");
        if (ticket.Counter != counter || ticket.Status != expected)
        {
            throw new RejectedRequestException(
                $"Cannot {verb} ticket {ticket.Number} at counter {counter}: it is {ticket.Status}{(ticket.Counter is null ? "" : $" at counter {ticket.Counter}")}, expected {expected} at {counter}.");
        }

        return ticket;
    }

    private static QueueState Replace(QueueState state, Ticket ticket)
        => state with { Open = state.Open.Select(t => t.Number == ticket.Number ? ticket : t).ToImmutableArray() };

    private static double Round(double minutes) => Math.Round(minutes, 1);
}
