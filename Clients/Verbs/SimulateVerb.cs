using OrleansHall.Clients.Agents;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Clients.Simulation;
using OrleansHall.Hall;
using OrleansHall.Region;
using Spectre.Console;
using System.Text.Json;

namespace OrleansHall.Clients.Verbs;

/// <summary>Simulates a whole region of halls with customers, counters, devices and camera feeds.</summary>
public sealed class SimulateVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "simulate",
        "Opens a region of halls (staff, customers, devices, counters, cameras) and runs it: arrivals follow a weekday/hour profile, customers take tickets and are served; a status line every 10 s.",
        [
            OptionSpec.Value("--halls", "N", "Number of halls, 1-50 (default 3): zhenhai, beilun, jiangbei, ..."),
            OptionSpec.Value("--region", "ID", "Region id (default ningbo)."),
            OptionSpec.Value("--speed", "X", "Simulated time runs X times faster than real time (default 1)."),
            OptionSpec.Value("--start", "LOCAL_TIME", "Simulated start, e.g. 2026-11-30T08:30 (default: now)."),
            OptionSpec.Value("--duration", "S", "Stop after S real seconds (default: run until Ctrl-C)."),
            OptionSpec.Value("--media", "DIR", "Folder with vtest.avi and sample*.jpg for the cameras (default <repo>/.cache/media)."),
            OptionSpec.Value("--camera-fps", "N", "Frames per second per camera (default 1)."),
            OptionSpec.Flag("--no-cameras", "Run without camera feeds."),
            OptionSpec.Value("--outbox", "N", $"Readings kept while the cluster is unreachable (default {ReadingPipeline.DefaultCapacity})."),
            OptionSpec.Value("--seed", "N", "Random seed, for repeatable runs (default 1)."),
            OptionSpec.Value("--outbox-file", "FILE", "Keep undelivered readings on disk in FILE, so a crash or kill loses none; the next run sends what is left (default: memory only)."),
            OptionSpec.Value("--ack-log", "FILE", "Append one line per reading the cluster acknowledged (event id, device, what), for audits."),
            OptionSpec.Value("--history", "WEEKS", "Instead of running live: write WEEKS weeks of simulated past (up to yesterday) into the halls' event logs at full speed, roll them up, and exit; the last line is JSON with the wait predictors' errors."),
            .. ClusterSettings.Options,
        ],
        "hallctl simulate --halls 3 --speed 60 --start 2026-11-30T08:30 --duration 600");

    public bool LongRunning => true;

    public void Validate(ParsedArgs args) => Options(args);

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var options = Options(args);
        if (args.Has("--history"))
        {
            return await BackfillAsync(options, args.GetInt("--history", 4, 1, 104), context);
        }

        using var duration = CancellationTokenSource.CreateLinkedTokenSource(context.Stopping);
        if (args.Has("--duration"))
        {
            duration.CancelAfter(TimeSpan.FromSeconds(args.GetDouble("--duration", 0, 1, 30 * 24 * 3600)));
        }

        var simulator = new RegionSimulator(options, context.Grains, context.Output, context.Time, context.Note);
        try
        {
            await simulator.RunAsync(duration.Token);
        }
        catch (OperationCanceledException) when (duration.IsCancellationRequested)
        {
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> BackfillAsync(RegionSimulatorOptions options, int weeks, VerbContext context)
    {
        var plans = HallPlan.Region(options.Halls);
        foreach (var plan in plans)
        {
            var hall = context.Grains.GetGrain<IHallGrain>(plan.HallId);
            if (!await hall.ExistsAsync())
            {
                await hall.ConfigureAsync(RegionSetup.ConfigFor(plan, options.RegionId));
                await context.Grains.GetGrain<IRegionGrain>(options.RegionId).AddHallAsync(plan.HallId);
                await context.Grains.GetGrain<IRegionDirectoryGrain>(0).AddRegionAsync(options.RegionId);
            }
        }

        var today = DateOnly.FromDateTime(options.Start.LocalDateTime);
        var (first, last) = (today.AddDays(-7 * weeks), today.AddDays(-1));
        context.Note($"writing {weeks} week(s) of history, {first:yyyy-MM-dd} to {last:yyyy-MM-dd}, for {string.Join(", ", plans.Select(p => p.HallId))}");
        var started = context.Time.GetTimestamp();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
        BackfillResult? result = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var bars = plans.ToDictionary(p => p.HallId, p => progress.AddTask(p.HallId, maxValue: 7 * weeks));
                result = await new HistoryBackfill(context.Grains, TimeZoneInfo.Local).RunAsync(
                    plans, first, last, (plan, done, _) => bars[plan.HallId].Value = done, context.Stopping);
            });

        foreach (var plan in plans)
        {
            await DisplayHistory.WriteAsync(context.Grains, plan.HallId, first, last, TimeZoneInfo.Local, options.Seed);
        }

        var seconds = context.Time.GetElapsedTime(started).TotalSeconds;
        context.Output.WriteLine($"{result!.Days} hall-days, {result.Events} events, {result.Tickets} tickets in {seconds:F0} s");
        context.Output.WriteLine(JsonSerializer.Serialize(new
        {
            hall_days = result.Days,
            events = result.Events,
            tickets = result.Tickets,
            seconds = Math.Round(seconds, 1),
            predicted_wait_mae_minutes = result.PredictorMaeMinutes,
        }));
        return ExitCodes.Ok;
    }

    private static RegionSimulatorOptions Options(ParsedArgs args)
    {
        var media = args.Get("--media") ?? Path.Combine(RepositoryRoot() ?? Directory.GetCurrentDirectory(), ".cache", "media");
        if (args.Has("--media") && !Directory.Exists(media))
        {
            throw new UsageException($"option '--media': folder '{media}' does not exist; expected a folder with vtest.avi and sample*.jpg");
        }

        args.GetDouble("--duration", 0, 1, 30 * 24 * 3600);
        args.GetInt("--history", 4, 1, 104);
        return new RegionSimulatorOptions(
            args.GetInt("--halls", 3, 1, 50),
            args.GetId("--region") ?? "ningbo",
            args.GetDouble("--speed", 1, 0.01, 100_000),
            args.GetLocalTime("--start") ?? DateTimeOffset.Now,
            args.Has("--no-cameras") ? null : media,
            args.GetDouble("--camera-fps", 1, 0.05, 30),
            args.GetInt("--outbox", ReadingPipeline.DefaultCapacity, 1, 10_000_000),
            args.GetInt("--seed", 1, int.MinValue, int.MaxValue),
            args.Get("--ack-log"),
            args.Get("--outbox-file"));
    }

    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OrleansHall.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
