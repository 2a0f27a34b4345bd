using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OrleansHall.Clients.Benchmarks;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;

namespace OrleansHall.Clients.Verbs;

/// <summary>Durable device events per second against bare pings, through the same gateway.</summary>
public sealed class BenchClusterVerb() : Verb(
    "bench cluster",
    "Sends door passages from one sensor per fresh hall (each acknowledged only once stored), then pings of do-nothing grains, " +
    "each phase with the same calls in flight through the same gateway, and reports both rates and their ratio (events / pings). " +
    "Run it on an otherwise idle cluster; its halls (benchcl-<run>-N, region benchcl-<run>) stay in the cluster afterwards. " +
    "The last line is one JSON object.",
    "hallctl bench cluster --halls 16 --concurrency 64 --seconds 20",
    [Halls, Concurrency, Seconds],
    ConnectionOptions.All)
{
    private static readonly Option<int> Halls = HallCtlOption.Int("--halls", "N", "Halls (and ping grains) the calls are spread over.", 16, 1, 10_000);
    private static readonly Option<int> Concurrency = HallCtlOption.Int("--concurrency", "N", "Calls in flight at once.", 64, 1, 10_000);
    private static readonly Option<int> Seconds = HallCtlOption.Int("--seconds", "S", "Measured seconds per phase, after a 3 s warm-up.", 15, 2, 3600);

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var result = await new ClusterThroughputBenchmark(context.Grains, context.Time, context.Note)
            .RunAsync(args.GetValue(Halls), args.GetValue(Concurrency), TimeSpan.FromSeconds(args.GetValue(Seconds)), context.Stopping);
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"events {result.Events.PerSecond:F0}/s (p95 {result.Events.P95Ms:F1} ms), pings {result.Pings.PerSecond:F0}/s (p95 {result.Pings.P95Ms:F1} ms), ratio {result.Ratio:F2}"));
        context.Output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["events_per_s"] = Math.Round(result.Events.PerSecond, 1),
            ["ping_per_s"] = Math.Round(result.Pings.PerSecond, 1),
            ["ratio"] = Math.Round(result.Ratio, 3),
            ["event_p95_ms"] = Math.Round(result.Events.P95Ms, 2),
            ["ping_p95_ms"] = Math.Round(result.Pings.P95Ms, 2),
            ["event_failures"] = result.Events.Failures,
            ["halls"] = result.Halls,
            ["concurrency"] = result.Concurrency,
        }));
        return ExitCodes.Ok;
    }
}
