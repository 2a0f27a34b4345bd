using System.CommandLine;
using System.Text.Json;
using OrleansHall.Clients.Benchmarks;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;

namespace OrleansHall.Clients.Verbs;

/// <summary>Bytes of grain state written per event by grain kind, on a running cluster.</summary>
public sealed class BenchStateVerb() : Verb(
    "bench state",
    "Runs a busy stretch through a fresh hall in region 'bench' (passages, kiosk uses, tickets with twenty left waiting) " +
    "and prints, per grain kind, events, state writes and bytes written per event, read back from PostgreSQL. The last line is one JSON object.",
    "hallctl bench state --db \"$(deploy/postgres.sh connection .data/pg app)\"",
    [Passages, Tickets],
    ConnectionOptions.All)
{
    private static readonly Option<int> Passages = HallCtlOption.Int("--passages", "N", "Door passages and kiosk uses each.", 300, 1, 1_000_000);
    private static readonly Option<int> Tickets = HallCtlOption.Int("--tickets", "N", "Tickets issued; all but 20 are served.", 120, 21, 100_000);

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var settings = ClusterSettings.From(args, Environment.GetEnvironmentVariable);
        if (settings.ConnectionString is null)
        {
            throw new UsageException("bench state reads the bytes written back from PostgreSQL: name the database with --db (deploy/postgres.sh connection .data/pg app prints it)");
        }

        var hallId = $"bench-{Guid.NewGuid():N}"[..14];
        var results = await new StateSizeBenchmark(context.Grains, settings.ConnectionString, context.Time)
            .RunAsync(hallId, args.GetValue(Passages), args.GetValue(Tickets), context.Note);
        foreach (var kind in results)
        {
            context.Output.WriteLine($"{kind.Kind,-7} {kind.Events,6} events {kind.Writes,6} writes  largest state {kind.LargestStateBytes,6} B  {kind.BytesPerEvent,7:0} B/event");
        }

        context.Output.WriteLine(JsonSerializer.Serialize(results.ToDictionary(k => $"{k.Kind}_bytes_per_event", k => k.BytesPerEvent)));
        return ExitCodes.Ok;
    }
}
