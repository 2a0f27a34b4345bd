using OrleansHall.Analytics.Demand;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Clients.Simulation;
using OrleansHall.Hall;
using OrleansHall.Region;

namespace OrleansHall.Clients.Verbs;

public sealed class HallAddVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "hall add",
        "Opens a service hall (or changes its layout) and lists it in its region.",
        [
            OptionSpec.Value("--hall", "ID", "Hall id, e.g. zhenhai.", required: true),
            OptionSpec.Value("--name", "NAME", "Display name, e.g. 镇海营业厅.", required: true),
            OptionSpec.Value("--region", "ID", "Region id, e.g. ningbo.", required: true),
            OptionSpec.Value("--capacity", "N", "People the hall holds comfortably (default 60)."),
            OptionSpec.Value("--counters", "C1,C2", "Service counters (default C1,C2,C3)."),
            OptionSpec.Value("--zones", "a,b", "Floor zones (default entrance,waiting,self-service,counters)."),
            OptionSpec.Value("--types", "t1,t2", $"Business types (default {string.Join(',', BusinessTypes.All)})."),
            .. ClusterSettings.Options,
        ],
        "hallctl hall add --hall zhenhai --name 镇海营业厅 --region ningbo --counters C1,C2,C3");

    public bool LongRunning => false;

    public void Validate(ParsedArgs args) => Config(args);

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var hallId = args.RequireId("--hall");
        var config = Config(args);
        await context.Grains.GetGrain<IHallGrain>(hallId).ConfigureAsync(config);
        await context.Grains.GetGrain<IRegionGrain>(config.RegionId).AddHallAsync(hallId);
        await context.Grains.GetGrain<IRegionDirectoryGrain>(0).AddRegionAsync(config.RegionId);
        context.Output.WriteLine(
            $"hall {hallId} '{config.Name}' in region {config.RegionId}: capacity {config.Capacity}, counters {string.Join(',', config.Counters)}, types {string.Join(',', config.BusinessTypes)}");
        return ExitCodes.Ok;
    }

    private static HallConfig Config(ParsedArgs args)
    {
        args.RequireId("--hall");
        var name = args.Require("--name").Trim();
        if (name.Length is 0 or > 100)
        {
            throw new UsageException($"option '--name': expected 1-100 characters, got '{name}'");
        }

        return new HallConfig(
            name,
            args.RequireId("--region"),
            args.GetInt("--capacity", 60, 1, 10_000),
            args.GetIdList("--counters", ["C1", "C2", "C3"]),
            args.GetIdList("--zones", ["entrance", "waiting", "self-service", "counters"]),
            args.GetIdList("--types", [.. BusinessTypes.All]));
    }
}
