using System.CommandLine;
using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Hall;

namespace OrleansHall.Clients.Verbs;

public sealed class HallStatusVerb() : Verb(
    "hall status",
    "Prints a hall's live snapshot: occupancy, queue, devices, cameras, alerts.",
    "hallctl hall status --hall zhenhai",
    [Hall, Json],
    ConnectionOptions.All)
{
    private static readonly Option<string> Hall = HallCtlOption.Id("--hall", "Hall id.", required: true);
    private static readonly Option<bool> Json = HallCtlOption.Flag("--json", "Print the snapshot as JSON.");

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var hall = context.Grains.GetGrain<IHallGrain>(args.GetRequiredValue(Hall));
        await hall.GetConfigAsync(); // an unknown hall fails here with a clear message
        var s = await hall.GetSnapshotAsync();
        if (args.GetValue(Json))
        {
            context.Output.WriteLine(JsonSerializer.Serialize(s, JsonOutput.Options));
            return ExitCodes.Ok;
        }

        context.Output.WriteLine($"{s.HallId} {s.Name} ({s.RegionId}) at {s.At:yyyy-MM-dd HH:mm:ss}");
        context.Output.WriteLine($"  occupancy {s.Occupancy}/{s.Capacity}, entries {s.EntriesToday}, exits {s.ExitsToday}");
        context.Output.WriteLine($"  queue: waiting {s.Queue.Waiting}, issued {s.Queue.IssuedToday}, completed {s.Queue.CompletedToday}, no-shows {s.Queue.NoShowsToday}, avg wait {s.Queue.AverageWaitMinutes:0.0} min");
        context.Output.WriteLine($"  devices: {s.DevicesOnline} online, {s.DevicesOffline} offline; cameras {s.Cameras.Length}; staff on duty {s.StaffOnDuty.Length}");
        foreach (var alert in s.Alerts)
        {
            context.Output.WriteLine($"  ALERT {alert.Kind}: {alert.Message} (since {alert.Since:HH:mm:ss})");
        }

        return ExitCodes.Ok;
    }
}
