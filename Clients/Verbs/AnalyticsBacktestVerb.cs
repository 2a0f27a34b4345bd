using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Forecast;
using OrleansHall.Hall;

namespace OrleansHall.Clients.Verbs;

/// <summary>How well the flow forecast would have done on the last whole week, against last week's same slot.</summary>
public sealed class AnalyticsBacktestVerb() : Verb(
    "analytics backtest",
    "Holds out a hall's last whole week of history, fits Holt-Winters (daily and weekly seasons) on the weeks before it only, and " +
    "prints the mean absolute percentage error over the held-out slots with arrivals for Holt-Winters and for seasonal-naive " +
    "(the same slot last week). The last line is JSON.",
    "hallctl analytics backtest --hall zhenhai --json",
    [Hall, Metric, Json],
    ConnectionOptions.All)
{
    private static readonly Dictionary<string, ForecastMetric> Metrics = new()
    {
        ["entries"] = ForecastMetric.Entries,
        ["tickets"] = ForecastMetric.Tickets,
    };

    private static readonly Option<string> Hall = HallCtlOption.Id("--hall", "Hall id.", required: true);
    private static readonly Option<ForecastMetric> Metric = HallCtlOption.Choice("--metric", "entries|tickets", "People through the door or tickets issued.", Metrics, ForecastMetric.Entries);
    private static readonly Option<bool> Json = HallCtlOption.Flag("--json", "Print only the JSON line.");

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var hallId = args.GetRequiredValue(Hall);
        await context.Grains.GetGrain<IHallGrain>(hallId).GetConfigAsync();
        var report = await context.Grains.GetGrain<IHallForecastGrain>(hallId).BacktestAsync(args.GetValue(Metric));
        if (!args.GetValue(Json))
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
