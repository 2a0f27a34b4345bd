using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Device;

namespace OrleansHall.Clients.Agents;

/// <summary>Options every device agent shares.</summary>
public static class AgentOptions
{
    public static IReadOnlyList<OptionSpec> Common { get; } =
    [
        OptionSpec.Value("--hall", "ID", "Hall id.", required: true),
        OptionSpec.Value("--device", "ID", "Device id within the hall, e.g. ir-door.", required: true),
        OptionSpec.Value("--interval", "S", "Seconds between heartbeats, 0.5-10 (default 10; the cluster reports a device offline after two missed beats, 20 s)."),
        OptionSpec.Value("--outbox", "N", $"Readings kept while the cluster is unreachable (default {ReadingPipeline.DefaultCapacity})."),
        OptionSpec.Value("--outbox-file", "FILE", "Where undelivered readings wait on disk (default ~/.local/state/orleanshall/outbox/HALL-DEVICE.jsonl); a restarted agent sends what is left."),
        OptionSpec.Flag("--simulate", "Generate random activity instead of reading stdin."),
        OptionSpec.Value("--rate", "PER_HOUR", "With --simulate: average events per hour (default 60)."),
        OptionSpec.Value("--seed", "N", "With --simulate: random seed, for repeatable runs."),
        .. ClusterSettings.Options,
    ];

    public static TimeSpan Interval(ParsedArgs args) => TimeSpan.FromSeconds(args.GetDouble("--interval", 10, 0.5, IDeviceGrain.HeartbeatPeriod.TotalSeconds));

    public static int OutboxCapacity(ParsedArgs args) => args.GetInt("--outbox", ReadingPipeline.DefaultCapacity, 1, 10_000_000);

    /// <summary>The device's own outbox file: one per hall and device, so a restarted agent finds what it left.</summary>
    public static string OutboxFile(ParsedArgs args)
    {
        if (args.Get("--outbox-file") is { } path)
        {
            return path;
        }

        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(state, "orleanshall", "outbox", $"{args.RequireId("--hall")}-{args.RequireId("--device")}.jsonl");
    }

    public static double RatePerHour(ParsedArgs args) => args.GetDouble("--rate", 60, 0.01, 1_000_000);

    public static Random Random(ParsedArgs args) =>
        args.Has("--seed") ? new Random(args.GetInt("--seed", 0, int.MinValue, int.MaxValue)) : new Random();

    public static void ValidateCommon(ParsedArgs args)
    {
        args.RequireId("--hall");
        args.RequireId("--device");
        Interval(args);
        OutboxCapacity(args);
        RatePerHour(args);
        Random(args);
        if (!args.Has("--simulate") && (args.Has("--rate") || args.Has("--seed")))
        {
            throw new UsageException("options '--rate' and '--seed' only apply with '--simulate'");
        }
    }

    /// <summary>Waits an exponential gap for a Poisson stream of <paramref name="ratePerHour"/>.</summary>
    public static TimeSpan PoissonGap(double ratePerHour, Random random) =>
        TimeSpan.FromHours(-Math.Log(1 - random.NextDouble()) / ratePerHour);
}
