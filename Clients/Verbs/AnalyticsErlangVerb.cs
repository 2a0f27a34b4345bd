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
    [
        OptionSpec.Value("--arrivals-per-hour", "A", "Customers per hour (required)."),
        OptionSpec.Value("--handle-seconds", "S", "Mean handling time in seconds (required)."),
        OptionSpec.Value("--target-seconds", "T", "Target wait in seconds (default 600)."),
        OptionSpec.Value("--service-level", "P", "Share to call within the target, 0-1 (default 0.8)."),
        OptionSpec.Flag("--json", "Print one JSON object."),
    ],
    "hallctl analytics erlang --arrivals-per-hour 30 --handle-seconds 420 --target-seconds 600 --service-level 0.8 --json")
{
    protected override Task<int> ExecuteAsync(ParsedArgs options, IReadOnlyList<string> operands, TextWriter output, CancellationToken stopping)
    {
        var arrivals = Required(options, "--arrivals-per-hour", 0, 1_000_000);
        var handle = Required(options, "--handle-seconds", 0.001, 86_400);
        var target = options.GetDouble("--target-seconds", 600, 0, 86_400);
        var level = options.GetDouble("--service-level", 0.8, 0.0001, 0.9999);
        var result = ErlangC.Required(arrivals, handle, target, level, maxCounters: 10_000);
        if (options.Has("--json"))
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

    private static double Required(ParsedArgs options, string name, double min, double max)
    {
        if (!options.Has(name))
        {
            throw new UsageException($"option '{name}' is required; see 'hallctl analytics erlang --help'");
        }

        return options.GetDouble(name, 0, min, max);
    }
}
