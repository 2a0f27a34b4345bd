namespace OrleansHall.Analytics.Queueing;

/// <summary>A ticket waiting to be called, as a predictor sees it; <see cref="Priority"/> is the effective one (higher first).</summary>
public readonly record struct WaitingTicket(string BusinessType, int Priority, DateTimeOffset IssuedAt);

/// <summary>A counter's state: open or not, and whom it serves since when (null: free).</summary>
public readonly record struct CounterView(bool Open, string? ServingType, DateTimeOffset? ServingSince);

/// <summary>
/// The queue at the moment a ticket is issued, in calling order, with the last handling times (minutes) per
/// business type, newest last.
/// </summary>
public sealed record QueueView(
    IReadOnlyList<WaitingTicket> Waiting,
    IReadOnlyList<CounterView> Counters,
    IReadOnlyDictionary<string, IReadOnlyList<double>> RecentHandlingMinutes,
    DateTimeOffset Now)
{
    public const double DefaultHandlingMinutes = 6;

    private const int MinSamples = 3;

    /// <summary>Mean handling minutes of a type, from its own samples when it has enough, else from all types.</summary>
    public double MeanHandling(string businessType)
    {
        if (RecentHandlingMinutes.TryGetValue(businessType, out var own) && own.Count >= MinSamples)
        {
            return own.Average();
        }

        var all = RecentHandlingMinutes.Values.SelectMany(v => v).ToList();
        return all.Count >= MinSamples ? all.Average() : DefaultHandlingMinutes;
    }

    /// <summary>Expected minutes left for a customer of this type served for <paramref name="elapsedMinutes"/> already.</summary>
    public double RemainingHandling(string businessType, double elapsedMinutes)
    {
        var samples = RecentHandlingMinutes.TryGetValue(businessType, out var own) && own.Count >= MinSamples
            ? own
            : [.. RecentHandlingMinutes.Values.SelectMany(v => v)];
        var longer = samples.Where(s => s > elapsedMinutes).ToList();
        // Past every sample seen: assume it ends soon, about a tenth of a typical case from now.
        return longer.Count > 0 ? longer.Average() - elapsedMinutes : 0.1 * MeanHandling(businessType);
    }
}

/// <summary>Predicts how long a new ticket of a business type and priority will wait to be called.</summary>
public interface IWaitPredictor
{
    string Name { get; }

    TimeSpan Predict(QueueView queue, string businessType, int priority);
}

/// <summary>
/// The first rule: the tickets to be called first, shared among the open counters, times the new ticket's typical
/// handling time, plus half a handling time when every open counter is busy.
/// </summary>
public sealed class ShareOfCountersPredictor : IWaitPredictor
{
    public string Name => "tickets-ahead";

    public TimeSpan Predict(QueueView queue, string businessType, int priority)
    {
        var ahead = queue.Waiting.Count(t => t.Priority >= priority);
        var open = Math.Max(1, queue.Counters.Count(c => c.Open));
        var handling = queue.MeanHandling(businessType);
        var busy = queue.Counters.Count(c => c.ServingType is not null);
        var minutes = (ahead * handling / open) + (busy >= open ? handling / 2 : 0);
        return TimeSpan.FromMinutes(Math.Round(minutes, 1));
    }
}

/// <summary>
/// Plays the calling order forward: each open counter is free after its current customer's expected remaining time
/// (from the handling times seen, given how long they have been at the counter), each ticket to be called first
/// goes to the counter free soonest and keeps it for its own type's mean handling time; the new ticket waits until
/// the next counter is free after them.
/// </summary>
public sealed class CallingOrderPredictor : IWaitPredictor
{
    public string Name => "calling-order";

    public TimeSpan Predict(QueueView queue, string businessType, int priority)
    {
        var free = new PriorityQueue<int, double>();
        var index = 0;
        foreach (var counter in queue.Counters.Where(c => c.Open))
        {
            var at = counter is { ServingType: { } type, ServingSince: { } since }
                ? queue.RemainingHandling(type, Math.Max(0, (queue.Now - since).TotalMinutes))
                : 0;
            free.Enqueue(index++, at);
        }

        if (free.Count == 0)
        {
            // No counter open: nobody is called until one opens; the first rule's answer is as good a guess as any.
            return new ShareOfCountersPredictor().Predict(queue, businessType, priority);
        }

        foreach (var ticket in queue.Waiting.Where(t => t.Priority >= priority))
        {
            free.TryDequeue(out var counter, out var at);
            free.Enqueue(counter, at + queue.MeanHandling(ticket.BusinessType));
        }

        free.TryPeek(out _, out var mine);
        return TimeSpan.FromMinutes(Math.Round(mine, 1));
    }
}
