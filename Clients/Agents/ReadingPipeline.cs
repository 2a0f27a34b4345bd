using OrleansHall.Clients.Cluster;
using OrleansHall.Clients.Delivery;

namespace OrleansHall.Clients.Agents;

/// <summary>The outbox of an agent process, wired to the cluster and to stderr.</summary>
public sealed class ReadingPipeline
{
    public const int DefaultCapacity = 100_000;

    private readonly IGrainFactory _grains;
    private readonly Action<string> _note;
    private int _overflowReported;

    public ReadingPipeline(IGrainFactory grains, int capacity, Action<string> note)
    {
        _grains = grains;
        _note = note;
        Outbox = new ReadingOutbox<Reading>(capacity, Backoff.Default, TransientFailures.IsTransient)
        {
            OnRejected = (reading, error) => note($"cluster refused {reading.Describe()}: {error.Message}"),
            OnUnreachable = error => note($"cluster unreachable ({error.GetType().Name}); keeping readings in the outbox"),
            OnRecovered = failures => note($"cluster reachable again after {failures} failed attempts; re-sending the outbox in order"),
        };
    }

    public ReadingOutbox<Reading> Outbox { get; }

    public void Add(Reading reading)
    {
        // Only the first overflow is worth a line; the status line keeps the count.
        if (!Outbox.Enqueue(reading) && Interlocked.Exchange(ref _overflowReported, 1) == 0)
        {
            _note($"outbox full ({Outbox.Capacity} readings): dropping the oldest, counted as overflow");
        }
    }

    public Task RunAsync(TimeProvider time, CancellationToken stopping) =>
        Outbox.RunAsync((reading, _) => reading.SendAsync(_grains), time, stopping);

    public string StatusText()
    {
        var stats = Outbox.Stats;
        return $"outbox {stats.Backlog} sent {stats.Sent} refused {stats.Rejected} overflow {stats.Overflowed}";
    }
}
