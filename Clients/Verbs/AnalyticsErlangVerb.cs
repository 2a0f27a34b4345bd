using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OrleansHall.Analytics.Staffing;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Vision;

namespace OrleansHall.Clients.Verbs;

/// <summary>Erlang C from the command line: the fewest counters meeting a service level, and what they give.</summary>
public sealed class AnalyticsErlangVerb() : OfflineVerb(
    "analytics erlang",
    [],
    "Erlang C (Poisson arrivals, exponential handling, one queue): the smallest number of counters whose share of customers " +
    "called within the target wait meets the service level, with the service level and occupancy it gives. Needs no cluster.",
    "hallctl analytics erlang --arrivals-per-hour 30 --handle-seconds 420 --target-seconds 600 --service-level 0.8 --json",
    [Arrivals, Handle, Target, Level, Json])
{
    private static readonly Option<double?> Arrivals = HallCtlOption.DoubleOrNone("--arrivals-per-hour", "A", "Customers per hour (required).", 0, 1_000_000);
    private static readonly Option<double?> Handle = HallCtlOption.DoubleOrNone("--handle-seconds", "S", "Mean handling time in seconds (required).", 0.001, 86_400);
    private static readonly Option<double> Target = HallCtlOption.Double("--target-seconds", "T", "Target wait in seconds.", 600, 0, 86_400);
    private static readonly Option<double> Level = HallCtlOption.Double("--service-level", "P", "Share to call within the target.", 0.8, 0.0001, 0.9999);
    private static readonly Option<bool> Json = HallCtlOption.Flag("--json", "Print one JSON object.");

    public override void Validate(ParseResult args)
    {
        base.Validate(args);
        foreach (var required in new[] { Arrivals, Handle })
        {
            if (args.GetValue(required) is null)
            {
                throw new UsageException($"option '{required.Name}' is required; see 'hallctl analytics erlang --help'");
            }
        }
    }

    protected override Task<int> ExecuteAsync(ParseResult options, IReadOnlyList<string> operands, TextWriter output, CancellationToken stopping)
    {
        var (arrivals, handle) = (options.GetValue(Arrivals)!.Value, options.GetValue(Handle)!.Value);
        var (target, level) = (options.GetValue(Target), options.GetValue(Level));
        var result = ErlangC.Required(arrivals, handle, target, level, maxCounters: 10_000);
        if (options.GetValue(Json))
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                counters = result.Counters,
                service_level = Math.Round(result.ServiceLevel, 4),
                occupancy = Math.Round(result.Occupancy, 4),
                probability_of_waiting = Math.Round(result.ProbabilityOfWaiting, 4),
                mean_wait_seconds = Math.Round(result.MeanWaitSeconds, 1),
            }));
        }
        else
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Counters} counters: {result.ServiceLevel:P1} called within {target:0} s, occupancy {result.Occupancy:P1}, {result.ProbabilityOfWaiting:P1} wait at all, mean wait {result.MeanWaitSeconds:F0} s"));
        }

        return Task.FromResult(ExitCodes.Ok);
    }
}
