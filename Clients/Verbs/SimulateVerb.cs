using OrleansHall.Common;
using OrleansHall.Clients.Agents;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Clients.Simulation;
using OrleansHall.Hall;
using OrleansHall.Region;
using Spectre.Console;
using System.CommandLine;
using System.Text.Json;

namespace OrleansHall.Clients.Verbs;

/// <summary>Simulates a whole region of halls with customers, counters, devices and camera feeds.</summary>
public sealed class SimulateVerb() : Verb(
    "simulate",
    "Opens a region of halls (staff, customers, devices, counters, cameras) and runs it: arrivals follow a weekday/hour profile, customers take tickets and are served; a status line every 10 s.",
    "hallctl simulate --halls 3 --speed 60 --start 2026-11-30T08:30 --duration 600",
    [Halls, Region, Speed, Start, Duration, Media, CameraFps, NoCameras, Outbox, Seed, OutboxFile, AckLog, History],
    ConnectionOptions.All)
{
    private static readonly Option<int> Halls = HallCtlOption.Int("--halls", "N", "Number of halls: zhenhai, beilun, jiangbei, ...", 3, 1, 50);
    private static readonly Option<string> Region = HallCtlOption.Id("--region", "Region id (default ningbo).");
    private static readonly Option<double> Speed = HallCtlOption.Double("--speed", "X", "Simulated time runs X times faster than real time.", 1, 0.01, 100_000);
    private static readonly Option<DateTimeOffset?> Start = HallCtlOption.LocalTime("--start", "Simulated start, e.g. 2026-11-30T08:30 (default: now).");
    private static readonly Option<double?> Duration = HallCtlOption.DoubleOrNone("--duration", "S", "Stop after S real seconds (default: run until Ctrl-C).", 1, 30 * 24 * 3600);
    private static readonly Option<string> Media = HallCtlOption.Value("--media", "DIR", "Folder with vtest.avi and sample*.jpg for the cameras (default <repo>/.cache/media).");
    private static readonly Option<double> CameraFps = HallCtlOption.Double("--camera-fps", "N", "Frames per second per camera.", 1, 0.05, 30);
    private static readonly Option<bool> NoCameras = HallCtlOption.Flag("--no-cameras", "Run without camera feeds.");
    private static readonly Option<int> Outbox = HallCtlOption.Int("--outbox", "N", "Readings kept while the cluster is unreachable.", ReadingPipeline.DefaultCapacity, 1, 10_000_000);
    private static readonly Option<int> Seed = HallCtlOption.Int("--seed", "N", "Random seed, for repeatable runs.", 1, int.MinValue, int.MaxValue);
    private static readonly Option<string> OutboxFile = HallCtlOption.Value("--outbox-file", "FILE",
        "Keep undelivered readings on disk in FILE, so a crash or kill loses none; the next run sends what is left (default: memory only).");
    private static readonly Option<string> AckLog = HallCtlOption.Value("--ack-log", "FILE", "Append one line per reading the cluster acknowledged (event id, device, what), for audits.");
    private static readonly Option<int?> History = HallCtlOption.IntOrNone("--history", "WEEKS",
        "Instead of running live: write WEEKS weeks of simulated past (up to yesterday) into the halls' event logs at full speed, roll them up, and exit; the last line is JSON with the wait predictors' errors.", 1, 104);

    public override bool LongRunning => true;

    public override void Validate(ParseResult args) => SimulatorOptions(args);

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var options = SimulatorOptions(args);
        if (args.GetValue(History) is { } weeks)
        {
            return await BackfillAsync(options, weeks, context);
        }

        using var duration = CancellationTokenSource.CreateLinkedTokenSource(context.Stopping);
        if (args.GetValue(Duration) is { } seconds)
        {
            duration.CancelAfter(TimeSpan.FromSeconds(seconds));
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

    private static RegionSimulatorOptions SimulatorOptions(ParseResult args)
    {
        var media = args.GetValue(Media) ?? Path.Combine(RepositoryRoot() ?? Directory.GetCurrentDirectory(), ".cache", "media");
        if (args.Has(Media) && !Directory.Exists(media))
        {
            throw new UsageException($"option '--media': folder '{media}' does not exist; expected a folder with vtest.avi and sample*.jpg");
        }

        return new RegionSimulatorOptions(
            args.GetValue(Halls),
            args.GetValue(Region) ?? "ningbo",
            args.GetValue(Speed),
            args.GetValue(Start) ?? DateTimeOffset.Now,
            args.GetValue(NoCameras) ? null : media,
            args.GetValue(CameraFps),
            args.GetValue(Outbox),
            args.GetValue(Seed),
            args.GetValue(AckLog),
            args.GetValue(OutboxFile));
    }

    private static string? RepositoryRoot() => Checkout.FindRoot(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
}
