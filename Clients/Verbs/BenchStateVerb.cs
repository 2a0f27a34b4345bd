using System.Text.Json;
using OrleansHall.Clients.Benchmarks;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;

namespace OrleansHall.Clients.Verbs;

/// <summary>Bytes of grain state written per event by grain kind, on a running cluster.</summary>
public sealed class BenchStateVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "bench state",
        "Runs a busy stretch through a fresh hall in region 'bench' (passages, kiosk uses, tickets with twenty left waiting) " +
        "and prints, per grain kind, events, state writes and bytes written per event, read back from PostgreSQL. The last line is one JSON object.",
        [
            OptionSpec.Value("--passages", "N", "Door passages and kiosk uses each (default 300)."),
            OptionSpec.Value("--tickets", "N", "Tickets issued (default 120; all but 20 are served)."),
            .. ClusterSettings.Options,
        ],
        "hallctl bench state --db 'Host=127.0.0.1;Port=55432;Username=postgres;Database=orleanshall'");

    public bool LongRunning => false;

    public void Validate(ParsedArgs args)
    {
        args.GetInt("--passages", 300, 1, 1_000_000);
        args.GetInt("--tickets", 120, 21, 100_000);
    }

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var settings = ClusterSettings.From(args, Environment.GetEnvironmentVariable);
        var hallId = $"bench-{Guid.NewGuid():N}"[..14];
        var results = await new StateSizeBenchmark(context.Grains, settings.ConnectionString, context.Time)
            .RunAsync(hallId, args.GetInt("--passages", 300, 1, 1_000_000), args.GetInt("--tickets", 120, 21, 100_000), context.Note);
        foreach (var kind in results)
        {
            context.Output.WriteLine($"{kind.Kind,-7} {kind.Events,6} events {kind.Writes,6} writes  largest state {kind.LargestStateBytes,6} B  {kind.BytesPerEvent,7:0} B/event");
        }

        context.Output.WriteLine(JsonSerializer.Serialize(results.ToDictionary(k => $"{k.Kind}_bytes_per_event", k => k.BytesPerEvent)));
        return ExitCodes.Ok;
    }
}
