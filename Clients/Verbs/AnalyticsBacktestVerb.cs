using System.Globalization;
using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Forecast;
using OrleansHall.Hall;

namespace OrleansHall.Clients.Verbs;

/// <summary>How well the flow forecast would have done on the last whole week, against last week's same slot.</summary>
public sealed class AnalyticsBacktestVerb : IVerb
{
    private static readonly Dictionary<string, ForecastMetric> Metrics = new()
    {
        ["entries"] = ForecastMetric.Entries,
        ["tickets"] = ForecastMetric.Tickets,
    };

    public VerbSpec Spec { get; } = new(
        "analytics backtest",
        "Holds out a hall's last whole week of history, fits Holt-Winters (daily and weekly seasons) on the weeks before it only, and " +
        "prints the mean absolute percentage error over the held-out slots with arrivals for Holt-Winters and for seasonal-naive " +
        "(the same slot last week). The last line is JSON.",
        [
            OptionSpec.Value("--hall", "ID", "Hall id.", required: true),
            OptionSpec.Value("--metric", "entries|tickets", "People through the door (default) or tickets issued."),
            OptionSpec.Flag("--json", "Print only the JSON line."),
            .. ClusterSettings.Options,
        ],
        "hallctl analytics backtest --hall zhenhai --json");

    public bool LongRunning => false;

    public void Validate(ParsedArgs args)
    {
        args.RequireId("--hall");
        args.GetChoice("--metric", Metrics, ForecastMetric.Entries);
    }

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var hallId = args.RequireId("--hall");
        await context.Grains.GetGrain<IHallGrain>(hallId).GetConfigAsync();
        var report = await context.Grains.GetGrain<IHallForecastGrain>(hallId).BacktestAsync(args.GetChoice("--metric", Metrics, ForecastMetric.Entries));
        if (!args.Has("--json"))
        {
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{hallId} {report.Metric.ToString().ToLowerInvariant()}, week from {report.HeldOutFrom:yyyy-MM-dd} held out, fitted on {report.TrainingWeeks} weeks before it ({report.Parameters}):"));
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  Holt-Winters MAPE {report.HoltWintersMape:P1}, seasonal-naive MAPE {report.SeasonalNaiveMape:P1}, over {report.Slots} slots with arrivals"));
        }

        context.Output.WriteLine(JsonSerializer.Serialize(new
        {
            holt_winters_mape = report.HoltWintersMape,
            seasonal_naive_mape = report.SeasonalNaiveMape,
            slots = report.Slots,
        }));
        return ExitCodes.Ok;
    }
}
