using System.Collections.Immutable;
using OrleansHall.Hall;
using OrleansHall.Placement;

namespace OrleansHall.Web.Services;

/// <summary>A hall's product placement for the console: displays, the day's figures, experiments.</summary>
public sealed class PlacementService(ClusterConnection cluster)
{
    public Task<PlacementReport> GetReportAsync(string hallId, DateOnly day) => Placement(hallId).GetReportAsync(day);

    public Task<ImmutableArray<PlacementExperiment>> GetExperimentsAsync(string hallId) => Placement(hallId).GetExperimentsAsync();

    public Task ConfigureDisplaysAsync(string hallId, ImmutableArray<ProductDisplay> displays, string who) => Placement(hallId).ConfigureDisplaysAsync(displays, who);

    public Task<PlacementExperiment> StartExperimentAsync(string hallId, ExperimentRequest request) => Placement(hallId).StartExperimentAsync(request);

    public async Task<ImmutableArray<string>> GetZonesAsync(string hallId)
        => (await cluster.RequireClient().GetGrain<IHallGrain>(hallId).GetConfigAsync()).Zones;

    private IHallPlacementGrain Placement(string hallId) => cluster.RequireClient().GetGrain<IHallPlacementGrain>(hallId);
}
