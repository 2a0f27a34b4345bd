using System.CommandLine;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Device;

namespace OrleansHall.Clients.Agents;

/// <summary>Options every device agent shares.</summary>
public static class AgentOptions
{
    public static readonly Option<string> Hall = HallCtlOption.Id("--hall", "Hall id.", required: true);

    public static readonly Option<string> Device = HallCtlOption.Id("--device", "Device id within the hall, e.g. ir-door.", required: true);

    public static readonly Option<double> Interval = HallCtlOption.Double("--interval", "S",
        "Seconds between heartbeats; the cluster reports a device offline after two missed beats, 20 s.", 10, 0.5, IDeviceGrain.HeartbeatPeriod.TotalSeconds);

    public static readonly Option<int> Outbox = HallCtlOption.Int("--outbox", "N",
        "Readings kept while the cluster is unreachable.", ReadingPipeline.DefaultCapacity, 1, 10_000_000);

    public static readonly Option<string> OutboxFileOption = HallCtlOption.Value("--outbox-file", "FILE",
        "Where undelivered readings wait on disk (default ~/.local/state/orleanshall/outbox/HALL-DEVICE.jsonl); a restarted agent sends what is left.");

    public static readonly Option<bool> Simulate = HallCtlOption.Flag("--simulate", "Generate random activity instead of reading stdin.");

    public static readonly Option<double> Rate = HallCtlOption.Double("--rate", "PER_HOUR", "With --simulate: average events per hour.", 60, 0.01, 1_000_000);

    public static readonly Option<int?> Seed = HallCtlOption.IntOrNone("--seed", "N", "With --simulate: random seed, for repeatable runs.", int.MinValue, int.MaxValue);

    public static IReadOnlyList<Option> Common { get; } = [Hall, Device, Interval, Outbox, OutboxFileOption, Simulate, Rate, Seed, .. ConnectionOptions.All];

    /// <summary>The device's own outbox file: one per hall and device, so a restarted agent finds what it left.</summary>
    public static string OutboxFile(ParseResult args)
    {
        if (args.GetValue(OutboxFileOption) is { } path)
        {
            return path;
        }

        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(state, "orleanshall", "outbox", $"{args.GetRequiredValue(Hall)}-{args.GetRequiredValue(Device)}.jsonl");
    }

    public static Random Random(ParseResult args) => args.GetValue(Seed) is { } seed ? new Random(seed) : new Random();

    public static void ValidateCommon(ParseResult args)
    {
        if (!args.GetValue(Simulate) && (args.Has(Rate) || args.Has(Seed)))
        {
            throw new UsageException("options '--rate' and '--seed' only apply with '--simulate'");
        }
    }

    /// <summary>Waits an exponential gap for a Poisson stream of <paramref name="ratePerHour"/>.</summary>
    public static TimeSpan PoissonGap(double ratePerHour, Random random) =>
        TimeSpan.FromHours(-Math.Log(1 - random.NextDouble()) / ratePerHour);
}
