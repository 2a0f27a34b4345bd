using System.CommandLine;
using OrleansHall.Clients.Agents;
using OrleansHall.Clients.Cli;
using OrleansHall.Common;
using OrleansHall.Device;
using OrleansHall.Hall;

namespace OrleansHall.Clients.Verbs;

/// <summary>An infrared door sensor: counts people in and out and keeps its device alive.</summary>
public sealed class SensorVerb() : Verb(
    "sensor",
    "Runs an infrared entry sensor: registers it, sends heartbeats and passages read from stdin ('in N', 'out N') or simulated; --once sends one reading and exits.",
    "printf 'in 3\\nout 1\\n' | hallctl sensor --hall zhenhai --device ir-door",
    AgentOptions.Common,
    [Once, In, Out])
{
    private static readonly Option<bool> Once = HallCtlOption.Flag("--once", "Send one reading (--in/--out) and exit.");
    private static readonly Option<int> In = HallCtlOption.Int("--in", "N", "With --once: people who entered.", 0, 0, InputLines.MaxPeoplePerLine);
    private static readonly Option<int> Out = HallCtlOption.Int("--out", "N", "With --once: people who left.", 0, 0, InputLines.MaxPeoplePerLine);

    public override bool LongRunning => true;

    public override void Validate(ParseResult args)
    {
        AgentOptions.ValidateCommon(args);
        if (args.GetValue(Once))
        {
            if (args.GetValue(In) + args.GetValue(Out) == 0)
            {
                throw new UsageException("'--once' needs '--in N' and/or '--out N' with at least one person");
            }

            if (args.GetValue(AgentOptions.Simulate))
            {
                throw new UsageException("'--once' and '--simulate' cannot be combined");
            }
        }
        else if (args.Has(In) || args.Has(Out))
        {
            throw new UsageException("'--in' and '--out' only apply with '--once'; without it, write 'in N' / 'out N' lines to stdin");
        }
    }

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var hallId = args.GetRequiredValue(AgentOptions.Hall);
        var deviceId = args.GetRequiredValue(AgentOptions.Device);
        var link = new DeviceLink(context.Grains, context.Time, context.Note);
        await link.RegisterAsync(hallId, deviceId, DeviceKind.InfraredSensor, context.Stopping);

        if (args.GetValue(Once))
        {
            var (entries, exits) = (args.GetValue(In), args.GetValue(Out));
            var reading = new PassageReading(hallId, deviceId, new Passage(Guid.NewGuid(), entries, exits, context.Time.GetLocalNow()));
            await link.RetryTransientAsync(() => reading.SendAsync(context.Grains), "sending the passage", context.Stopping);
            context.Output.WriteLine($"sent {reading.Describe()}");
            return ExitCodes.Ok;
        }

        using var pipeline = new ReadingPipeline(context.Grains, args.GetValue(AgentOptions.Outbox), context.Note);
        pipeline.UseJournal(AgentOptions.OutboxFile(args));
        long totalIn = 0, totalOut = 0;
        void Count(int entries, int exits)
        {
            Interlocked.Add(ref totalIn, entries);
            Interlocked.Add(ref totalOut, exits);
            pipeline.Add(new PassageReading(hallId, deviceId, new Passage(Guid.NewGuid(), entries, exits, context.Time.GetLocalNow())));
        }

        using var background = CancellationTokenSource.CreateLinkedTokenSource(context.Stopping);
        var heartbeats = link.RunHeartbeatsAsync([Keys.Scoped(hallId, deviceId)], TimeSpan.FromSeconds(args.GetValue(AgentOptions.Interval)), background.Token);
        var delivery = pipeline.RunAsync(context.Time, background.Token);
        var status = StatusTicker.RunAsync(
            () => $"sensor {hallId}/{deviceId}: in {Interlocked.Read(ref totalIn)} out {Interlocked.Read(ref totalOut)}; {pipeline.StatusText()}",
            context.Output, context.Time, background.Token);
        context.Note($"sensor {hallId}/{deviceId} registered; {(args.GetValue(AgentOptions.Simulate) ? "simulating arrivals" : "reading 'in N' / 'out N' lines from stdin")}");

        try
        {
            if (args.GetValue(AgentOptions.Simulate))
            {
                await SimulateAsync(args.GetValue(AgentOptions.Rate), AgentOptions.Random(args), Count, context);
            }
            else
            {
                await ReadLinesAsync(Count, context);
                // End of input: deliver what was read, then stop.
                await pipeline.WhenEmptyAsync(context.Stopping);
            }
        }
        finally
        {
            await background.CancelAsync();
            await Background.WhenStoppedAsync(heartbeats, delivery, status);
            context.Output.WriteLine($"sensor {hallId}/{deviceId}: in {totalIn} out {totalOut}; {pipeline.StatusText()}");
        }

        return pipeline.Stats.Rejected > 0 ? ExitCodes.Refused : ExitCodes.Ok;
    }

    private static async Task ReadLinesAsync(Action<int, int> count, VerbContext context)
    {
        var number = 0;
        while (await Background.ReadLineAsync(context.Input, context.Stopping) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            try
            {
                var (entries, exits) = InputLines.ParsePassage(line);
                count(entries, exits);
            }
            catch (UsageException bad)
            {
                context.Note($"stdin line {number}: {bad.Message}; line ignored");
            }
        }
    }

    private static async Task SimulateAsync(double ratePerHour, Random random, Action<int, int> count, VerbContext context)
    {
        // Each visitor leaves after a dwell of a few minutes to half an hour.
        var exits = new PriorityQueue<DateTimeOffset, DateTimeOffset>();
        var nextEntry = context.Time.GetUtcNow() + AgentOptions.PoissonGap(ratePerHour, random);
        while (!context.Stopping.IsCancellationRequested)
        {
            var hasExit = exits.TryPeek(out var nextExit, out _);
            var next = hasExit && nextExit < nextEntry ? nextExit : nextEntry;
            var wait = next - context.Time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, context.Time, context.Stopping);
            }

            if (hasExit && nextExit < nextEntry)
            {
                exits.Dequeue();
                count(0, 1);
            }
            else
            {
                count(1, 0);
                var leaves = nextEntry + TimeSpan.FromMinutes(3 + random.NextDouble() * 27);
                exits.Enqueue(leaves, leaves);
                nextEntry += AgentOptions.PoissonGap(ratePerHour, random);
            }
        }
    }
}
