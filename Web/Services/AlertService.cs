using System.Collections.Immutable;
using OrleansHall.Alerts;
using OrleansHall.Hall;

namespace OrleansHall.Web.Services;

/// <summary>A hall's alert book for the console: acknowledge and resolve as the signed-in user, read and edit the rules.</summary>
public sealed class AlertService(ClusterConnection cluster)
{
    public Task<ImmutableArray<HallAlert>> GetAlertsAsync(string hallId) => Book(hallId).GetAlertsAsync();

    public Task<HallAlert> AcknowledgeAsync(string hallId, Guid alertId, string who) => Book(hallId).AcknowledgeAsync(alertId, who);

    public Task<HallAlert> ResolveAsync(string hallId, Guid alertId, string who) => Book(hallId).ResolveAsync(alertId, who);

    public Task<AlertSettings> GetSettingsAsync(string hallId) => Book(hallId).GetSettingsAsync();

    public Task ConfigureAsync(string hallId, AlertSettings settings, string who) => Book(hallId).ConfigureAsync(settings, who);

    private IAlertBookGrain Book(string hallId) => cluster.RequireClient().GetGrain<IAlertBookGrain>(hallId);
}
