using System.Globalization;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Device;

namespace OrleansHall.Clients.Verbs;

/// <summary>What an O&amp;M verb reports about a device.</summary>
public enum DeviceAction
{
    Fault,
    Repair,
    Consumable,
    Status,
}

/// <summary>Operations and maintenance from the command line: a fault, its repair, a consumable's level, a device's health.</summary>
public sealed class DeviceVerb(DeviceAction action) : IVerb
{
    public VerbSpec Spec { get; } = action switch
    {
        DeviceAction.Fault => new("device fault", "Reports a device out of order; it stays so (with its alert) until a repair is reported.",
            [Hall, Device, OptionSpec.Value("--code", "CODE", "Fault code, e.g. PAPER-JAM.", required: true),
                OptionSpec.Value("--message", "TEXT", "What is wrong (default: the code)."), .. ClusterSettings.Options],
            "hallctl device fault --hall zhenhai --device kiosk-1 --code PAPER-JAM --message '卡纸'"),
        DeviceAction.Repair => new("device repair", "Reports the device's open fault fixed; the time to repair is logged.",
            [Hall, Device, OptionSpec.Value("--by", "STAFF", "Who repaired it.", required: true), .. ClusterSettings.Options],
            "hallctl device repair --hall zhenhai --device kiosk-1 --by zh-tech"),
        DeviceAction.Consumable => new("device consumable", "Reports how full a consumable is, 0-1 (under 0.15 raises the consumables alert).",
            [Hall, Device, OptionSpec.Value("--item", "NAME", "Consumable, e.g. paper.", required: true),
                OptionSpec.Value("--level", "L", "0 (empty) to 1 (full).", required: true), .. ClusterSettings.Options],
            "hallctl device consumable --hall zhenhai --device kiosk-1 --item paper --level 0.1"),
        _ => new("device status", "Prints a device's health: online, uses and faults today, open fault, time to repair, consumables.",
            [Hall, Device, .. ClusterSettings.Options],
            "hallctl device status --hall zhenhai --device kiosk-1"),
    };

    private static OptionSpec Hall => OptionSpec.Value("--hall", "ID", "Hall id.", required: true);

    private static OptionSpec Device => OptionSpec.Value("--device", "ID", "Device id.", required: true);

    public bool LongRunning => false;

    public void Validate(ParsedArgs args)
    {
        args.RequireId("--hall");
        args.RequireId("--device");
        if (action == DeviceAction.Consumable)
        {
            args.GetId("--item");
            args.GetDouble("--level", 0, 0, 1);
        }
        else if (action == DeviceAction.Repair)
        {
            args.RequireId("--by");
        }
    }

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var key = $"{args.RequireId("--hall")}/{args.RequireId("--device")}";
        var device = context.Grains.GetGrain<IDeviceGrain>(key);
        var now = context.Time.GetUtcNow();
        switch (action)
        {
            case DeviceAction.Fault:
                var code = args.Require("--code");
                await device.ReportFaultAsync(new DeviceFault(Guid.NewGuid(), code, args.Get("--message") ?? code, now));
                break;
            case DeviceAction.Repair:
                await device.ReportRepairAsync(new DeviceRepair(Guid.NewGuid(), args.RequireId("--by"), now));
                break;
            case DeviceAction.Consumable:
                await device.ReportConsumableAsync(new ConsumableLevel(Guid.NewGuid(), args.GetId("--item")!, args.GetDouble("--level", 0, 0, 1), now));
                break;
        }

        var s = await device.GetStatusAsync();
        var consumables = s.Consumables is { Count: > 0 } c ? string.Join(", ", c.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Key} {x.Value:P0}"))) : "-";
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{key} {s.Kind}: {(s.Online ? "online" : "offline")}, uses today {s.UsesToday}, faults today {s.FaultsToday}, open fault {s.OpenFault ?? "-"}, repairs {s.RepairsToday} (mean {s.MeanRepairMinutes?.ToString("0.#", CultureInfo.InvariantCulture) ?? "-"} min), consumables {consumables}"));
        return ExitCodes.Ok;
    }
}
