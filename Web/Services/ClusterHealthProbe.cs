using OrleansHall.Region;

namespace OrleansHall.Web.Services;

/// <summary>
/// Builds the /healthz report. Unhealthy: the cluster cannot be reached. Degraded: reachable, but no active
/// silo or the region grains do not answer. Healthy: at least one active silo and the halls could be listed.
/// </summary>
public sealed class ClusterHealthProbe(ClusterConnection cluster, ILogger<ClusterHealthProbe> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        if (cluster.Client is not { } client)
        {
            return new HealthReport(HealthReport.Unhealthy, 0, 0, [], cluster.LastError ?? "connecting to the cluster");
        }

        int silos;
        try
        {
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Timeout, cancellationToken);
            silos = hosts.Count;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Health: management grain did not answer: {Error}", ex.GetBaseException().Message);
            return new HealthReport(HealthReport.Unhealthy, 0, 0, [], ex.GetBaseException().Message);
        }

        try
        {
            var regionIds = await client.GetGrain<IRegionDirectoryGrain>(0).GetRegionIdsAsync().WaitAsync(Timeout, cancellationToken);
            var regions = await Task.WhenAll(regionIds.Select(async id =>
            {
                var region = client.GetGrain<IRegionGrain>(id);
                return (HallIds: await region.GetHallIdsAsync(), Summary: await region.GetSummaryAsync());
            })).WaitAsync(Timeout, cancellationToken);

            var halls = regions.SelectMany(r => r.HallIds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var devices = regions.Sum(r => r.Summary.DevicesOnline);
            var status = silos > 0 ? HealthReport.Healthy : HealthReport.Degraded;
            return new HealthReport(status, silos, devices, halls, silos > 0 ? null : "no active silo");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Health: region grains did not answer: {Error}", ex.GetBaseException().Message);
            return new HealthReport(HealthReport.Degraded, silos, 0, [], ex.GetBaseException().Message);
        }
    }
}
