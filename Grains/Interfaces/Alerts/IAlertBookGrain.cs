using System.Collections.Immutable;
using OrleansHall.Hall;

namespace OrleansHall.Alerts;

/// <summary>
/// A hall's alerts (keyed by hall id): its rules and thresholds, the alerts open now and those resolved lately. An
/// alert is raised, acknowledged (by whom, when), resolved (by itself when the measure falls back, or by a person);
/// every step is logged, and the hall pushes a raise to the handhelds of the staff on duty whose role the rule names.
/// </summary>
public interface IAlertBookGrain : IGrainWithStringKey
{
    /// <summary>
    /// Judges the hall's measures (called by the hall every publish tick); returns the alerts open afterwards and a
    /// notice for the staff for each alert raised. The book never calls the hall back while the hall waits on it.
    /// </summary>
    Task<AlertObservation> ObserveAsync(AlertMeasures measures, HallConfig config);

    /// <summary>Someone has seen the alert and is on it; refused for an alert not open.</summary>
    Task<HallAlert> AcknowledgeAsync(Guid alertId, string who);

    /// <summary>Someone has dealt with it; the rule then waits its cool-down before raising again.</summary>
    Task<HallAlert> ResolveAsync(Guid alertId, string who);

    /// <summary>Open alerts first, then the last resolved ones, newest first.</summary>
    Task<ImmutableArray<HallAlert>> GetAlertsAsync();

    Task<AlertSettings> GetSettingsAsync();

    /// <summary>Replaces the hall's rules; a bad value is refused naming the rule and what was expected.</summary>
    Task ConfigureAsync(AlertSettings settings, string who);
}
