using System.Diagnostics;
using OrleansHall.Common;
using OrleansHall.Device;
using OrleansHall.Diagnostics;
using OrleansHall.Hall;

namespace OrleansHall.Clients.Benchmarks;

/// <summary>
/// One phase: calls completed and failed within the measured window, their p95, and every call that succeeded,
/// warm-up included (for checking that each acknowledged event was counted).
/// </summary>
public sealed record ThroughputPhase(long Calls, long Failures, double Seconds, double P95Ms, long Succeeded)
{
    public double PerSecond => Seconds > 0 ? Calls / Seconds : 0;
}

public sealed record ClusterThroughput(int Halls, int Concurrency, ThroughputPhase Events, ThroughputPhase Pings)
{
    public double Ratio => Pings.PerSecond > 0 ? Events.PerSecond / Pings.PerSecond : 0;
}

/// <summary>
/// What a durable device event costs against a bare Orleans call, through the same gateway with the same concurrency:
/// first door passages from one infrared sensor per hall (each acknowledged only once the hall's state and the event
/// log hold it), then pings of as many do-nothing grains. Each phase has a warm-up that is not counted.
/// </summary>
public sealed class ClusterThroughputBenchmark(IGrainFactory grains, TimeProvider time, Action<string> progress)
{
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public async Task<ClusterThroughput> RunAsync(int halls, int concurrency, TimeSpan measure, CancellationToken stopping)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var sensors = new List<IDeviceGrain>(halls);
        for (var i = 0; i < halls; i++)
        {
            var hallId = $"benchcl-{run}-{i}";
            await grains.GetGrain<IHallGrain>(hallId).ConfigureAsync(
                new HallConfig($"Bench {i}", $"benchcl-{run}", 10_000, ["C1"], ["entrance"], ["bill-payment"]));
            var sensor = grains.GetDevice(hallId, "ir-door");
            await sensor.RegisterAsync(DeviceKind.InfraredSensor);
            sensors.Add(sensor);
        }

        progress($"run {run}: {halls} halls with a door sensor each; {concurrency} calls in flight; {WarmUp.TotalSeconds:0} s warm-up and {measure.TotalSeconds:0} s measured per phase");
        // One in and one out per event, so occupancy stays level however long the run.
        var events = await PhaseAsync("events", concurrency, measure, worker => sensors[worker % halls]
            .RecordPassageAsync(new Passage(Guid.NewGuid(), 1, 1, time.GetUtcNow())), stopping);
        var pings = await PhaseAsync("pings", concurrency, measure, worker => grains.GetGrain<IPingGrain>(worker % halls).PingAsync(worker), stopping);
        return new ClusterThroughput(halls, concurrency, events, pings);
    }

    private async Task<ThroughputPhase> PhaseAsync(string name, int concurrency, TimeSpan measure, Func<int, Task> call, CancellationToken stopping)
    {
        var clock = Stopwatch.StartNew();
        var measureFrom = WarmUp;
        var measureTo = WarmUp + measure;
        long calls = 0, failures = 0, succeeded = 0;
        var latencies = new List<double>[concurrency];
        async Task WorkerAsync(int worker)
        {
            latencies[worker] = [];
            while (!stopping.IsCancellationRequested && clock.Elapsed < measureTo)
            {
                var started = clock.Elapsed;
                var failed = false;
                try
                {
                    await call(worker);
                }
                catch (Exception error) when (error is TransientFaultException or TimeoutException or OrleansException)
                {
                    failed = true;
                }

                var ended = clock.Elapsed;
                if (!failed)
                {
                    Interlocked.Increment(ref succeeded);
                }

                if (started >= measureFrom && ended <= measureTo)
                {
                    if (failed)
                    {
                        Interlocked.Increment(ref failures);
                    }
                    else
                    {
                        Interlocked.Increment(ref calls);
                    }

                    latencies[worker].Add((ended - started).TotalMilliseconds);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => WorkerAsync(w))));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var phase = new ThroughputPhase(calls, failures, measure.TotalSeconds, all.Length == 0 ? 0 : CardLatencyBenchmark.Percentile(all, 0.95), succeeded);
        progress($"{name}: {phase.PerSecond:F0}/s, p95 {phase.P95Ms:F1} ms, {failures} failed");
        return phase;
    }
}
