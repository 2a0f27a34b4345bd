using System.CommandLine;
using OrleansHall.Analytics.Demand;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Hall;
using OrleansHall.Region;

namespace OrleansHall.Clients.Verbs;

public sealed class HallAddVerb() : Verb(
    "hall add",
    "Opens a service hall (or changes its layout) and lists it in its region.",
    "hallctl hall add --hall zhenhai --name 镇海营业厅 --region ningbo --counters C1,C2,C3",
    [Hall, Name, Region, Capacity, Counters, Zones, Types],
    ConnectionOptions.All)
{
    private static readonly Option<string> Hall = HallCtlOption.NewHallId("--hall", "Hall id, e.g. zhenhai (not starting with audit:, customer: or region:).");
    private static readonly Option<string> Name = HallCtlOption.Text("--name", "NAME", "Display name, e.g. 镇海营业厅.", required: true, maxLength: 100);
    private static readonly Option<string> Region = HallCtlOption.Id("--region", "Region id, e.g. ningbo.", required: true);
    private static readonly Option<int> Capacity = HallCtlOption.Int("--capacity", "N", "People the hall holds comfortably.", 60, 1, 10_000);
    private static readonly Option<System.Collections.Immutable.ImmutableArray<string>> Counters = HallCtlOption.IdList("--counters", "C1,C2", "Service counters.", ["C1", "C2", "C3"]);
    private static readonly Option<System.Collections.Immutable.ImmutableArray<string>> Zones = HallCtlOption.IdList("--zones", "a,b", "Floor zones.", ["entrance", "waiting", "self-service", "counters"]);
    private static readonly Option<System.Collections.Immutable.ImmutableArray<string>> Types = HallCtlOption.IdList("--types", "t1,t2", "Business types.", [.. BusinessTypes.All]);

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var hallId = args.GetRequiredValue(Hall);
        var config = new HallConfig(
            args.GetRequiredValue(Name), args.GetRequiredValue(Region), args.GetValue(Capacity), args.GetValue(Counters), args.GetValue(Zones), args.GetValue(Types));
        await context.Grains.GetGrain<IHallGrain>(hallId).ConfigureAsync(config);
        await context.Grains.GetGrain<IRegionGrain>(config.RegionId).AddHallAsync(hallId);
        await context.Grains.GetGrain<IRegionDirectoryGrain>(0).AddRegionAsync(config.RegionId);
        context.Output.WriteLine(
            $"hall {hallId} '{config.Name}' in region {config.RegionId}: capacity {config.Capacity}, counters {string.Join(',', config.Counters)}, types {string.Join(',', config.BusinessTypes)}");
        return ExitCodes.Ok;
    }
}
