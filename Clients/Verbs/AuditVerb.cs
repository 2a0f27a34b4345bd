using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Identity;

namespace OrleansHall.Clients.Verbs;

/// <summary>Prints a hall's certificate-free audit log: captures, verifications, document reads and deletions.</summary>
public sealed class AuditVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "audit",
        "Prints the hall's certificate-free audit log, newest first: who, when, which customer, which document, why, and the outcome. Read-only.",
        [
            OptionSpec.Value("--hall", "ID", "Hall id.", required: true),
            OptionSpec.Value("--days", "N", "How many days back, 1-366 (default 7)."),
            OptionSpec.Flag("--json", "One line of JSON per entry."),
            .. ClusterSettings.Options,
        ],
        "hallctl audit --hall zhenhai --days 1");

    public bool LongRunning => false;

    public void Validate(ParsedArgs args)
    {
        args.RequireId("--hall");
        args.GetInt("--days", 7, 1, 366);
    }

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var to = context.Time.GetUtcNow().AddMinutes(1);
        var entries = await context.Grains.GetGrain<IHallAuditGrain>(args.RequireId("--hall"))
            .GetEntriesAsync(to.AddDays(-args.GetInt("--days", 7, 1, 366)), to, 5000);
        foreach (var e in entries)
        {
            context.Output.WriteLine(args.Has("--json")
                ? JsonSerializer.Serialize(e, JsonOutput.Options)
                : $"{e.At.ToLocalTime():yyyy-MM-dd HH:mm:ss} {e.Action,-16} customer {e.CustomerId} by {e.Actor}{(e.DocumentId is { } d ? $" document {d}" : "")}{(e.Purpose is { } p ? $" for \"{p}\"" : "")}{(e.Reason is { } r ? $" ({r})" : "")}");
        }

        if (!args.Has("--json"))
        {
            context.Output.WriteLine($"{entries.Length} entries");
        }

        return ExitCodes.Ok;
    }
}
