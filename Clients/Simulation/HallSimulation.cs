using OrleansHall.Analytics.Demand;
using System.Collections.Concurrent;
using OrleansHall.Clients.Agents;
using OrleansHall.Clients.Cluster;
using OrleansHall.Clients.Delivery;
using OrleansHall.Common;
using OrleansHall.Device;
using OrleansHall.Hall;
using OrleansHall.Queue;

namespace OrleansHall.Clients.Simulation;

/// <summary>
/// One simulated hall at work: visitors arrive by the arrival profile, pass the door sensor, maybe use a
/// kiosk, usually take a ticket and wait; each counter calls the next ticket when free and serves it for a
/// lognormal handling time; visitors leave through the sensor again.
/// </summary>
public sealed class HallSimulation(
    HallPlan plan,
    IGrainFactory grains,
    ReadingPipeline readings,
    SimClock clock,
    SyncRandom random,
    IReadOnlyList<string> customerIds,
    SimulationStats stats,
    TimeProvider time,
    Action<string> note)
{
    private static readonly TimeSpan IdleRecheck = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan TicketPatience = TimeSpan.FromMinutes(1);
    private static readonly Backoff RetryBackoff = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    // Tickets whose holders are in the hall, waiting to be called; completed when they are done at a counter.
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new();
    private readonly ConcurrentDictionary<Task, byte> _visitors = new();
    private readonly ArrivalProcess _arrivals = new(new ArrivalProfile(plan.PeakPerHour), new Random(random.Next(int.MaxValue)));

    private IQueueGrain Queue => grains.GetGrain<IQueueGrain>(plan.HallId);

    public HallPlan Plan => plan;

    public async Task RunAsync(CancellationToken stopping)
    {
        var counters = plan.Counters.Select(c => RunCounterAsync(c, stopping)).ToList();
        try
        {
            await RunArrivalsAsync(stopping);
        }
        finally
        {
            await Background.WhenStoppedAsync([.. counters, .. _visitors.Keys]);
        }
    }

    private async Task RunArrivalsAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var next = _arrivals.Next(clock.LocalNow);
            await clock.DelayUntilAsync(next, stopping);
            var visitor = VisitAsync(stopping);
            _visitors.TryAdd(visitor, 0);
            _ = visitor.ContinueWith(done => _visitors.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task VisitAsync(CancellationToken stopping)
    {
        stats.Arrived();
        Passage(entries: 1, exits: 0);
        try
        {
            var customer = random.Chance(0.35) && customerIds.Count > 0 ? customerIds[random.Next(customerIds.Count)] : null;
            if (customer is not null)
            {
                // Known customers show their ID card at the guide desk.
                Usage(HallPlan.IdReader, "id-read", succeeded: true);
            }

            await clock.DelayAsync(random.Minutes(0.3, 1.5), stopping);
            if (random.Chance(0.08))
            {
                // Looks at the product displays and goes.
                await clock.DelayAsync(random.Minutes(2, 10), stopping);
                return;
            }

            if (random.Chance(0.30))
            {
                var type = random.Chance(0.6) ? BusinessTypes.BillPayment : BusinessTypes.Invoice;
                await clock.DelayAsync(random.Minutes(1, 4), stopping);
                var kiosk = HallPlan.Kiosks[random.Next(HallPlan.Kiosks.Length)];
                var succeeded = random.Chance(0.95);
                // A known customer signs in at the kiosk with their account, so it counts as their kiosk visit.
                Usage(kiosk, type, succeeded, customer);
                stats.KioskUsed();
                if (succeeded && random.Chance(0.6))
                {
                    await clock.DelayAsync(random.Minutes(0.5, 1.5), stopping);
                    return;
                }
            }

            var businessType = random.With(BusinessTypes.Pick);
            var ticket = await TakeTicketAsync(businessType, customer, stopping);
            if (ticket is null)
            {
                return;
            }

            var done = _waiting.GetOrAdd(ticket.Number, NewHolder);
            await done.Task.WaitAsync(stopping);
            _waiting.TryRemove(ticket.Number, out _);
            await clock.DelayAsync(random.Minutes(0.3, 1.5), stopping);
        }
        finally
        {
            // Also when the simulation stops: its visitors leave, so the halls do not stay full.
            stats.Leaving();
            Passage(entries: 0, exits: 1);
        }
    }

    private async Task<Ticket?> TakeTicketAsync(string businessType, string? customer, CancellationToken stopping)
    {
        // The same EventId on every attempt: a ticket issued before a lost reply is handed back, not issued twice.
        // A customer at the kiosk waits out a short outage (up to a minute) before giving up.
        var request = new TicketRequest(Guid.NewGuid(), businessType, customer);
        try
        {
            var ticket = await Resend.UntilAnsweredAsync(() => Queue.IssueTicketAsync(request), RetryBackoff, time, TicketPatience, stopping);
            stats.TicketIssued();
            return ticket;
        }
        catch (Exception error) when (TransientFailures.IsRefusal(error))
        {
            note($"{plan.HallId}: ticket for {businessType} refused: {error.Message}");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The outage outlasted the customer's patience: they leave without a ticket.
        }

        stats.TicketFailed();
        return null;
    }

    private async Task RunCounterAsync(string counter, CancellationToken stopping)
    {
        var clerk = plan.ClerkId(counter);
        await FinishLeftoverAsync(counter, clerk, stopping);
        while (!stopping.IsCancellationRequested)
        {
            Ticket? called;
            try
            {
                var call = new CounterAction(Guid.NewGuid(), counter, null, clerk);
                called = await Resend.UntilAnsweredAsync(() => Queue.CallNextAsync(call), RetryBackoff, time, patience: null, stopping);
            }
            catch (RejectedRequestException error)
            {
                note($"{plan.HallId}: counter {counter} could not call: {error.Message}");
                await clock.DelayAsync(IdleRecheck, stopping);
                continue;
            }

            if (called is null)
            {
                // Nobody waiting: the clerk looks up again a little later.
                await clock.DelayAsync(IdleRecheck, stopping);
                continue;
            }

            stats.TicketCalled();
            await ServeAsync(counter, clerk, called, stopping);
        }
    }

    private async Task ServeAsync(string counter, string clerk, Ticket called, CancellationToken stopping)
    {
        // Shared with the visitor holding the ticket, whichever of the two gets there first.
        var holder = _waiting.GetOrAdd(called.Number, NewHolder);
        await clock.DelayAsync(random.Minutes(0.3, 1.5), stopping);
        if (random.Chance(0.03))
        {
            // The customer gave up waiting and left: nobody comes to the counter.
            await clock.DelayAsync(TimeSpan.FromMinutes(1), stopping);
            var noShow = new CounterAction(Guid.NewGuid(), counter, called.Number, clerk);
            await ActAsync(q => q.NoShowAsync(noShow), stopping);
            stats.NoShow();
            holder.TrySetResult();
            return;
        }

        var start = new CounterAction(Guid.NewGuid(), counter, called.Number, clerk);
        await ActAsync(q => q.StartServiceAsync(start), stopping);
        var handling = random.With(r => HandlingTimeModel.Default.Sample(called.BusinessType, r));
        await clock.DelayAsync(handling, stopping);
        var complete = new CounterAction(Guid.NewGuid(), counter, called.Number, clerk);
        await ActAsync(q => q.CompleteAsync(complete), stopping);
        stats.ServiceDone();
        holder.TrySetResult();
    }

    /// <summary>A counter left on a ticket by an earlier run is cleared so it can call again.</summary>
    private async Task FinishLeftoverAsync(string counter, string clerk, CancellationToken stopping)
    {
        QueueSummary summary;
        try
        {
            summary = await Queue.GetSummaryAsync();
        }
        catch (Exception error) when (!TransientFailures.IsRefusal(error))
        {
            return;
        }

        if (summary.Counters.FirstOrDefault(c => c.Counter == counter)?.CurrentTicket is not { } leftover)
        {
            return;
        }

        try
        {
            await Queue.CompleteAsync(new CounterAction(Guid.NewGuid(), counter, leftover, clerk));
        }
        catch (RejectedRequestException)
        {
            var noShow = new CounterAction(Guid.NewGuid(), counter, leftover, clerk);
            await ActAsync(q => q.NoShowAsync(noShow), stopping);
        }
    }

    /// <summary>A counter action that happened must reach the queue: re-sent, unchanged, while the cluster is away.</summary>
    private async Task ActAsync(Func<IQueueGrain, Task> act, CancellationToken stopping)
    {
        try
        {
            await Resend.UntilAnsweredAsync(() => act(Queue), RetryBackoff, time, patience: null, stopping);
        }
        catch (Exception error) when (TransientFailures.IsRefusal(error))
        {
            note($"{plan.HallId}: counter action refused: {error.Message}");
        }
    }

    private static TaskCompletionSource NewHolder(string ticketNumber) => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Passage(int entries, int exits) =>
        readings.Add(new PassageReading(plan.HallId, HallPlan.Sensor, new Passage(Guid.NewGuid(), entries, exits, time.GetLocalNow())));

    private void Usage(string deviceId, string businessType, bool succeeded, string? customer = null) =>
        readings.Add(new UsageReading(plan.HallId, deviceId, new DeviceUsage(Guid.NewGuid(), businessType, succeeded, time.GetLocalNow(), customer)));
}
