using System.Collections.Concurrent;
using OrleansHall.Clients.Cluster;
using OrleansHall.Clients.Delivery;

namespace OrleansHall.Clients.Agents;

/// <summary>
/// The outboxes of an agent process, one per device so that each device's readings keep their order while
/// devices deliver side by side (one serial outbox for a whole region cannot keep up); wired to the cluster
/// and to stderr. <see cref="ReadingOutbox{T}"/> capacity applies per device.
/// </summary>
public sealed class ReadingPipeline(IGrainFactory grains, int capacity, Action<string> note, AckLog? acks = null) : IDisposable
{
    public const int DefaultCapacity = 100_000;

    private static readonly System.Text.Json.JsonSerializerOptions JournalJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private readonly Lock _journalGate = new();
    private OutboxJournal<Reading>? _journal;

    private readonly ConcurrentDictionary<string, ReadingOutbox<Reading>> _outboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> _loops = [];
    private readonly Lock _gate = new();
    private TimeProvider? _time;
    private CancellationToken _stopping;
    private bool _running;
    private int _overflowReported;
    private int _failingOutboxes;

    /// <summary>
    /// Keeps every reading in <paramref name="path"/> until it is settled, and takes back what an earlier run of
    /// this agent left there undelivered (it goes out first). Returns how many readings were recovered.
    /// </summary>
    public int UseJournal(string path)
    {
        var (journal, pending) = OutboxJournal<Reading>.Open(path, r => r.EventId, JournalJson);
        _journal = journal;
        if (journal.Unreadable > 0)
        {
            note($"outbox file {path}: {journal.Unreadable} unreadable line(s) skipped (torn by a crash)");
        }

        foreach (var reading in pending)
        {
            Enqueue(reading);
        }

        if (pending.Count > 0)
        {
            note($"outbox file {path}: {pending.Count} reading(s) left undelivered by an earlier run, sending them first");
        }

        return pending.Count;
    }

    public void Add(Reading reading)
    {
        if (_journal is { } journal)
        {
            lock (_journalGate)
            {
                journal.Taken(reading);
            }
        }

        Enqueue(reading);
    }

    public void Dispose() => _journal?.Dispose();

    private void Enqueue(Reading reading)
    {
        var outbox = _outboxes.GetOrAdd(reading.DeviceKey, Create);
        // Only the first overflow is worth a line; the status line keeps the count.
        if (!outbox.Enqueue(reading) && Interlocked.Exchange(ref _overflowReported, 1) == 0)
        {
            note($"outbox of {reading.DeviceKey} full ({capacity} readings): dropping the oldest, counted as overflow");
        }
    }

    public OutboxStats Stats
    {
        get
        {
            var all = _outboxes.Values.Select(o => o.Stats).ToList();
            return new OutboxStats(all.Sum(s => s.Backlog), all.Sum(s => s.Sent), all.Sum(s => s.Rejected), all.Sum(s => s.Overflowed), all.Sum(s => s.Retries));
        }
    }

    /// <summary>Delivers readings until <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(TimeProvider time, CancellationToken stopping)
    {
        lock (_gate)
        {
            _time = time;
            _stopping = stopping;
            _running = true;
            foreach (var outbox in _outboxes.Values)
            {
                Start(outbox);
            }
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stopping);
        }
        finally
        {
            await Background.WhenStoppedAsync([.. _loops]);
        }
    }

    /// <summary>Completes when every device's outbox is empty.</summary>
    public Task WhenEmptyAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_outboxes.Values.Select(o => o.WhenEmptyAsync(cancellationToken)));

    public string StatusText()
    {
        var stats = Stats;
        return $"outbox {stats.Backlog} sent {stats.Sent} refused {stats.Rejected} overflow {stats.Overflowed}";
    }

    private ReadingOutbox<Reading> Create(string deviceKey)
    {
        var outbox = new ReadingOutbox<Reading>(capacity, Backoff.Default, error => !TransientFailures.IsRefusal(error))
        {
            OnRejected = (reading, error) => note($"cluster refused {reading.Describe()}: {error.Message}"),
            OnRemoved = Settled,
            // One line per outage for the whole process, not one per device.
            OnUnreachable = error =>
            {
                if (Interlocked.Increment(ref _failingOutboxes) == 1)
                {
                    note($"cluster unreachable ({error.GetType().Name}); keeping readings in the outbox");
                }
            },
            OnRecovered = failures =>
            {
                if (Interlocked.Decrement(ref _failingOutboxes) == 0)
                {
                    note($"cluster reachable again (after {failures} failed attempts at {deviceKey}); outbox re-sent in order");
                }
            },
        };
        lock (_gate)
        {
            if (_running)
            {
                Start(outbox);
            }
        }

        return outbox;
    }

    private void Settled(Reading reading)
    {
        if (_journal is { } journal)
        {
            lock (_journalGate)
            {
                journal.Settled(reading);
            }
        }
    }

    // Caller holds _gate.
    private void Start(ReadingOutbox<Reading> outbox) =>
        _loops.Add(outbox.RunAsync(SendAsync, _time!, _stopping));

    private async Task SendAsync(Reading reading, CancellationToken cancellationToken)
    {
        await reading.SendAsync(grains);
        acks?.Acknowledged(reading);
    }
}
