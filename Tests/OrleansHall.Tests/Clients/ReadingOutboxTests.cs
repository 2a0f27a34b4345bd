using System.Collections.Concurrent;
using OrleansHall.Clients.Delivery;

namespace OrleansHall.Tests.Clients;

public sealed class ReadingOutboxTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly Backoff Quick = new(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20));

    private sealed record Reading(Guid EventId, int Number);

    /// <summary>A stand-in for the grain side: stores each EventId once, like the device grain does.</summary>
    private sealed class Store
    {
        public ConcurrentDictionary<Guid, Reading> Stored { get; } = new();
        public ConcurrentQueue<int> Order { get; } = new();

        public void Accept(Reading reading)
        {
            if (Stored.TryAdd(reading.EventId, reading))
            {
                Order.Enqueue(reading.Number);
            }
        }
    }

    private static bool IsTransient(Exception error) => error is TimeoutException;

    private static IEnumerable<Reading> Readings(int count) =>
        Enumerable.Range(1, count).Select(n => new Reading(Guid.NewGuid(), n));

    [Fact]
    public async Task Readings_taken_during_an_outage_are_delivered_in_order_once_the_cluster_is_back()
    {
        var store = new Store();
        var clusterUp = false;
        var failures = 0;
        var threeFailures = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outbox = new ReadingOutbox<Reading>(100, Quick, IsTransient);
        using var stop = new CancellationTokenSource();
        var run = outbox.RunAsync((r, _) =>
        {
            if (!Volatile.Read(ref clusterUp))
            {
                if (++failures == 3)
                {
                    threeFailures.SetResult();
                }

                throw new TimeoutException("no gateway");
            }

            store.Accept(r);
            return Task.CompletedTask;
        }, TimeProvider.System, stop.Token);

        foreach (var reading in Readings(50))
        {
            outbox.Enqueue(reading);
        }

        await threeFailures.Task.WaitAsync(Patience);
        Assert.Empty(store.Stored);
        Assert.Equal(50, outbox.Count);

        Volatile.Write(ref clusterUp, true);
        await outbox.WhenEmptyAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(1, 50), store.Order);
        Assert.Equal(50, outbox.Stats.Sent);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task A_reading_stored_but_unacknowledged_is_resent_with_the_same_event_id_and_stored_once()
    {
        var store = new Store();
        var attempts = new List<Guid>();
        var outbox = new ReadingOutbox<Reading>(10, Quick, IsTransient);
        outbox.Enqueue(new Reading(Guid.NewGuid(), 1));

        var first = await outbox.SendNextAsync((r, _) =>
        {
            attempts.Add(r.EventId);
            store.Accept(r);
            throw new TimeoutException("reply lost");
        }, CancellationToken.None);
        var second = await outbox.SendNextAsync((r, _) =>
        {
            attempts.Add(r.EventId);
            store.Accept(r);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(SendOutcome.RetryLater, first.Outcome);
        Assert.Equal(SendOutcome.Sent, second.Outcome);
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0], attempts[1]);
        Assert.Single(store.Stored);
        Assert.Equal(0, outbox.Count);
    }

    [Fact]
    public async Task Back_off_grows_while_the_outage_lasts_and_resets_after_a_success()
    {
        var outbox = new ReadingOutbox<Reading>(10, new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(350)), IsTransient);
        outbox.Enqueue(new Reading(Guid.NewGuid(), 1));
        outbox.Enqueue(new Reading(Guid.NewGuid(), 2));
        Task Fail(Reading r, CancellationToken c) => throw new TimeoutException();

        var delays = new List<TimeSpan?>();
        for (var i = 0; i < 4; i++)
        {
            delays.Add((await outbox.SendNextAsync(Fail, CancellationToken.None)).RetryAfter);
        }

        await outbox.SendNextAsync((_, _) => Task.CompletedTask, CancellationToken.None);
        var afterRecovery = await outbox.SendNextAsync(Fail, CancellationToken.None);

        Assert.Equal([100, 200, 350, 350], delays.Select(d => d!.Value.TotalMilliseconds));
        Assert.Equal(TimeSpan.FromMilliseconds(100), afterRecovery.RetryAfter);
    }

    [Fact]
    public async Task A_reading_the_cluster_refuses_is_dropped_reported_and_does_not_block_the_next()
    {
        var refused = new List<(int Number, string Message)>();
        var delivered = new List<int>();
        var outbox = new ReadingOutbox<Reading>(10, Quick, IsTransient)
        {
            OnRejected = (r, e) => refused.Add((r.Number, e.Message)),
        };
        foreach (var reading in Readings(3))
        {
            outbox.Enqueue(reading);
        }

        Task Send(Reading r, CancellationToken c)
        {
            if (r.Number == 2)
            {
                throw new InvalidOperationException("Unknown device 'ir-9'");
            }

            delivered.Add(r.Number);
            return Task.CompletedTask;
        }

        var outcomes = new List<SendOutcome>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add((await outbox.SendNextAsync(Send, CancellationToken.None)).Outcome);
        }

        Assert.Equal([SendOutcome.Sent, SendOutcome.Rejected, SendOutcome.Sent, SendOutcome.Empty], outcomes);
        Assert.Equal([1, 3], delivered);
        Assert.Equal([(2, "Unknown device 'ir-9'")], refused);
        Assert.Equal(1, outbox.Stats.Rejected);
    }

    [Fact]
    public void A_full_outbox_drops_the_oldest_reading_and_counts_the_overflow()
    {
        var outbox = new ReadingOutbox<Reading>(3, Quick, IsTransient);

        var kept = Readings(5).Select(outbox.Enqueue).ToList();

        Assert.Equal([true, true, true, false, false], kept);
        Assert.Equal([3, 4, 5], outbox.Pending().Select(r => r.Number));
        Assert.Equal(2, outbox.Stats.Overflowed);
        Assert.Equal(3, outbox.Stats.Backlog);
    }

    [Fact]
    public async Task Outage_is_reported_once_and_recovery_once()
    {
        var unreachable = 0;
        var recoveredAfter = new List<int>();
        var outbox = new ReadingOutbox<Reading>(10, Quick, IsTransient)
        {
            OnUnreachable = _ => unreachable++,
            OnRecovered = recoveredAfter.Add,
        };
        outbox.Enqueue(new Reading(Guid.NewGuid(), 1));

        for (var i = 0; i < 5; i++)
        {
            await outbox.SendNextAsync((_, _) => throw new TimeoutException(), CancellationToken.None);
        }

        await outbox.SendNextAsync((_, _) => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(1, unreachable);
        Assert.Equal([5], recoveredAfter);
    }

    [Fact]
    public async Task Readings_enqueued_from_many_threads_are_all_delivered_exactly_once()
    {
        var store = new Store();
        var outbox = new ReadingOutbox<Reading>(100_000, Quick, IsTransient);
        using var stop = new CancellationTokenSource();
        var calls = 0;
        var run = outbox.RunAsync((r, _) =>
        {
            // Every seventh attempt times out, as a flaky link would.
            if (Interlocked.Increment(ref calls) % 7 == 0)
            {
                throw new TimeoutException();
            }

            store.Accept(r);
            return Task.CompletedTask;
        }, TimeProvider.System, stop.Token);

        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (_, _) =>
        {
            foreach (var reading in Readings(500))
            {
                outbox.Enqueue(reading);
            }

            await Task.Yield();
        });
        await outbox.WhenEmptyAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(4000, store.Stored.Count);
        Assert.Equal(0, outbox.Stats.Overflowed);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public void Capacity_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReadingOutbox<Reading>(0, Quick, IsTransient));
    }

    [Fact]
    public void Backoff_doubles_up_to_its_cap()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

        Assert.Equal([1, 2, 4, 8, 10, 10], Enumerable.Range(1, 6).Select(a => backoff.Delay(a).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Delay(10_000));
    }
}
