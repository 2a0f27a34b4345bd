using System.CommandLine;
using System.Globalization;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Common;
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
public sealed class DeviceVerb(DeviceAction action) : Verb(
    Paths[action].Path, Paths[action].Summary, Paths[action].Example, [Hall, Device, .. Paths[action].Options], ConnectionOptions.All)
{
    private static readonly Option<string> Hall = HallCtlOption.Id("--hall", "Hall id.", required: true);
    private static readonly Option<string> Device = HallCtlOption.Id("--device", "Device id.", required: true);
    private static readonly Option<string> Code = HallCtlOption.Text("--code", "CODE", "Fault code, e.g. PAPER-JAM.", required: true, maxLength: 64);
    private static readonly Option<string> Message = HallCtlOption.Text("--message", "TEXT", "What is wrong (default: the code).", maxLength: 500);
    private static readonly Option<string> By = HallCtlOption.Id("--by", "Who repaired it.", required: true, valueName: "STAFF");
    private static readonly Option<string> Item = HallCtlOption.Id("--item", "Consumable, e.g. paper.", required: true, valueName: "NAME");
    private static readonly Option<double?> Level = HallCtlOption.DoubleOrNone("--level", "L", "0 (empty) to 1 (full).", 0, 1, required: true);

    private static readonly Dictionary<DeviceAction, (string Path, string Summary, string Example, Option[] Options)> Paths = new()
    {
        [DeviceAction.Fault] = ("device fault", "Reports a device out of order; it stays so (with its alert) until a repair is reported.",
            "hallctl device fault --hall zhenhai --device kiosk-1 --code PAPER-JAM --message '卡纸'", [Code, Message]),
        [DeviceAction.Repair] = ("device repair", "Reports the device's open fault fixed; the time to repair is logged.",
            "hallctl device repair --hall zhenhai --device kiosk-1 --by zh-tech", [By]),
        [DeviceAction.Consumable] = ("device consumable", "Reports how full a consumable is, 0-1 (under 0.15 raises the consumables alert).",
            "hallctl device consumable --hall zhenhai --device kiosk-1 --item paper --level 0.1", [Item, Level]),
        [DeviceAction.Status] = ("device status", "Prints a device's health: online, uses and faults today, open fault, time to repair, consumables.",
            "hallctl device status --hall zhenhai --device kiosk-1", []),
    };

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var key = Keys.Scoped(args.GetRequiredValue(Hall), args.GetRequiredValue(Device));
        var device = context.Grains.GetDevice(args.GetRequiredValue(Hall), args.GetRequiredValue(Device));
        var now = context.Time.GetUtcNow();
        switch (action)
        {
            case DeviceAction.Fault:
                var code = args.GetRequiredValue(Code);
                await device.ReportFaultAsync(new DeviceFault(Guid.NewGuid(), code, args.GetValue(Message) ?? code, now));
                break;
            case DeviceAction.Repair:
                await device.ReportRepairAsync(new DeviceRepair(Guid.NewGuid(), args.GetRequiredValue(By), now));
                break;
            case DeviceAction.Consumable:
                await device.ReportConsumableAsync(new ConsumableLevel(Guid.NewGuid(), args.GetRequiredValue(Item), args.GetValue(Level)!.Value, now));
                break;
        }

        var s = await device.GetStatusAsync();
        var consumables = s.Consumables is { Count: > 0 } c ? string.Join(", ", c.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Key} {x.Value:P0}"))) : "-";
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{key} {s.Kind}: {(s.Online ? "online" : "offline")}, uses today {s.UsesToday}, faults today {s.FaultsToday}, open fault {s.OpenFault ?? "-"}, repairs {s.RepairsToday} (mean {s.MeanRepairMinutes?.ToString("0.#", CultureInfo.InvariantCulture) ?? "-"} min), consumables {consumables}"));
        return ExitCodes.Ok;
    }
}
