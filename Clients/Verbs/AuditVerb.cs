using System.CommandLine;
using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Identity;

namespace OrleansHall.Clients.Verbs;

/// <summary>Prints a hall's certificate-free audit log: captures, verifications, document reads and deletions.</summary>
public sealed class AuditVerb() : Verb(
    "audit",
    "Prints the hall's certificate-free audit log, newest first: who, when, which customer, which document, why, and the outcome. Read-only.",
    "hallctl audit --hall zhenhai --days 1",
    [Hall, Days, Json],
    ConnectionOptions.All)
{
    private static readonly Option<string> Hall = HallCtlOption.Id("--hall", "Hall id.", required: true);
    private static readonly Option<int> Days = HallCtlOption.Int("--days", "N", "How many days back.", 7, 1, 366);
    private static readonly Option<bool> Json = HallCtlOption.Flag("--json", "One line of JSON per entry.");

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var to = context.Time.GetUtcNow().AddMinutes(1);
        var entries = await context.Grains.GetGrain<IHallAuditGrain>(args.GetRequiredValue(Hall))
            .GetEntriesAsync(to.AddDays(-args.GetValue(Days)), to, 5000);
        foreach (var e in entries)
        {
            context.Output.WriteLine(args.GetValue(Json)
                ? JsonSerializer.Serialize(e, JsonOutput.Options)
                : $"{e.At.ToLocalTime():yyyy-MM-dd HH:mm:ss} {e.Action,-16} customer {e.CustomerId} by {e.Actor}{(e.ApprovedBy is { } a ? $" approved by {a}" : "")}{(e.DocumentId is { } d ? $" document {d}" : "")}{(e.Purpose is { } p ? $" for \"{p}\"" : "")}{(e.Reason is { } r ? $" ({r})" : "")}");
        }

        if (!args.GetValue(Json))
        {
            context.Output.WriteLine($"{entries.Length} entries");
        }

        return ExitCodes.Ok;
    }
}
