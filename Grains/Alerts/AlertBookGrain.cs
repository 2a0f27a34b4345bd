using OrleansHall.Grains.Diagnostics;
using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using OrleansHall.Alerts;
using OrleansHall.Analytics.Forecasting;
using OrleansHall.Common;
using OrleansHall.Forecast;
using OrleansHall.Grains.Common;
using OrleansHall.Grains.Events;
using OrleansHall.Grains.Faults;
using OrleansHall.Hall;
using OrleansHall.Staff;

namespace OrleansHall.Grains.Alerts;

/// <summary>
/// Keeps a hall's alerts. The hall sends its measures every publish tick; only a raise or a resolution is saved
/// (with its event, journalled, so an alert raised while the log is down is logged once it is back), so a steady
/// hall writes nothing. Each raise comes back to the hall with a notice for the on-duty staff whose role the rule
/// names; the book itself never calls the hall while the hall waits on it. If the save fails the
/// alert is not raised yet and the next tick raises it: nothing is lost, the start time is then that tick's.
/// </summary>
public sealed class AlertBookGrain(
    [PersistentState("alerts", StorageNames.Grains)] IPersistentState<AlertBookState> state,
    IEventLog eventLog,
    [FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock,
    FaultReporter reporter) : Grain, IAlertBookGrain
{
    private HallConfig? _config;
    private (DateOnly Day, DayForecast? Forecast, DateTimeOffset ReadAt) _forecast;

    private string HallId => this.GetPrimaryKeyString();

    private AlertBookState S => state.State;

    public async Task<AlertObservation> ObserveAsync(AlertMeasures measures, HallConfig config)
    {
        _config = config;
        var settings = Effective(config);
        var upper = settings.Rule(AlertKinds.FlowAboveForecast) is { Enabled: true } ? await ForecastUpperAsync(measures.At) : null;
        var changes = AlertEvaluator.Evaluate(settings, measures, upper, S.Open, S.LastResolved, Guid.NewGuid);
        if (changes.Raised.Count == 0 && changes.Resolved.Count == 0)
        {
            // Only the wording moved (counts in messages): memory only, nothing to make durable.
            state.State = S with { Open = changes.Open };
            await FlushQuietlyAsync();
            return new AlertObservation(S.Open, []);
        }

        var journal = S.Journal;
        foreach (var alert in changes.Raised)
        {
            journal = journal.Record(EventFactory.Create(alert.Id, HallId, EventKinds.Alert, alert.Kind, alert.Since, alert));
        }

        foreach (var alert in changes.Resolved)
        {
            journal = journal.Record(EventFactory.Create(Guid.NewGuid(), HallId, "alert-resolved", alert.Kind, alert.ResolvedAt!.Value, alert));
        }

        await state.SaveAsync(S with
        {
            Open = changes.Open,
            Recent = [.. changes.Resolved.Concat(S.Recent).Take(AlertBookState.RecentKept)],
            LastResolved = changes.Resolved.Aggregate(S.LastResolved, (d, a) => d.SetItem(a.Kind, a.ResolvedAt!.Value)),
            Journal = journal,
        }, this);
        await FlushQuietlyAsync();
        foreach (var alert in changes.Raised)
        {
            Telemetry.Count(Telemetry.AlertsRaised, "kind", alert.Kind);
        }

        // Only a raise that is durable is announced; the hall sends the notices.
        return new AlertObservation(S.Open, [.. changes.Raised.Select(alert => new StaffNotice(
            new StaffPush("alert", alert.Message, HallId, alert.Since, AlertId: alert.Id), settings.Rule(alert.Kind)!.NotifyRoles))]);
    }

    public async Task<HallAlert> AcknowledgeAsync(Guid alertId, string who)
    {
        Keys.Validate(who, "who");
        var alert = S.Open.FirstOrDefault(a => a.Id == alertId)
            ?? throw new RejectedRequestException($"Alert {alertId} of hall {HallId} is not open; it may have been resolved already.");
        if (alert.Status == AlertStatus.Acknowledged)
        {
            return alert;
        }

        var acknowledged = alert with { Status = AlertStatus.Acknowledged, AcknowledgedBy = who, AcknowledgedAt = clock.GetUtcNow() };
        await state.ApplyAsync(S with { Open = S.Open.Replace(alert, acknowledged) },
            EventFactory.Create(Guid.NewGuid(), HallId, "alert-acknowledged", alert.Kind, acknowledged.AcknowledgedAt!.Value, acknowledged), eventLog, this);
        Tell();
        return acknowledged;
    }

    public async Task<HallAlert> ResolveAsync(Guid alertId, string who)
    {
        Keys.Validate(who, "who");
        var alert = S.Open.FirstOrDefault(a => a.Id == alertId);
        if (alert is null)
        {
            return S.Recent.FirstOrDefault(a => a.Id == alertId)
                ?? throw new RejectedRequestException($"Alert {alertId} of hall {HallId} is not known.");
        }

        var now = clock.GetUtcNow();
        var resolved = alert with { Status = AlertStatus.Resolved, ResolvedBy = who, ResolvedAt = now };
        await state.ApplyAsync(S with
        {
            Open = S.Open.Remove(alert),
            Recent = [.. S.Recent.Insert(0, resolved).Take(AlertBookState.RecentKept)],
            LastResolved = S.LastResolved.SetItem(alert.Kind, now),
        }, EventFactory.Create(Guid.NewGuid(), HallId, "alert-resolved", alert.Kind, now, resolved), eventLog, this);
        Tell();
        return resolved;
    }

    public Task<ImmutableArray<HallAlert>> GetAlertsAsync() => Task.FromResult<ImmutableArray<HallAlert>>([.. S.Open.Reverse(), .. S.Recent]);

    public async Task<AlertSettings> GetSettingsAsync()
        => Effective(_config ?? await GrainFactory.GetGrain<IHallGrain>(HallId).GetConfigAsync());

    /// <summary>The saved rules, with the defaults for any rule added since they were saved.</summary>
    private AlertSettings Effective(HallConfig config)
    {
        var defaults = AlertDefaults.For(config);
        return S.Settings is not { } saved
            ? defaults
            : new AlertSettings([.. defaults.Rules.Select(d => saved.Rule(d.Kind) ?? d)]);
    }

    public async Task ConfigureAsync(AlertSettings settings, string who)
    {
        Keys.Validate(who, "who");
        AlertDefaults.Validate(settings);
        await state.ApplyAsync(S with { Settings = settings },
            EventFactory.Create(Guid.NewGuid(), HallId, "alert-settings", who, clock.GetUtcNow(), settings), eventLog, this);
    }

    /// <summary>The hall shows the open alerts in its snapshot; one-way, so this never waits on a hall waiting on us.</summary>
    private void Tell() => GrainFactory.GetGrain<IHallGrain>(HallId).AlertsChangedAsync(S.Open).Ignore();

    /// <summary>The forecast's upper band for the slot holding <paramref name="at"/>; null without a forecast.</summary>
    private async Task<double?> ForecastUpperAsync(DateTimeOffset at)
    {
        var zone = clock.LocalTimeZone;
        var day = LocalDay.Of(at, zone);
        // Read once a day, or again every quarter-hour while there is none (history may arrive meanwhile).
        if (_forecast.Day != day || _forecast.Forecast is null || (_forecast.Forecast.Points.IsDefaultOrEmpty && at - _forecast.ReadAt >= Slots.Length))
        {
            _forecast = (day, await GrainFactory.GetGrain<IHallForecastGrain>(HallId).GetDayAsync(day, ForecastMetric.Entries), at);
        }

        var points = _forecast.Forecast!.Points;
        if (points.IsDefaultOrEmpty)
        {
            return null;
        }

        var slot = (int)Math.Floor((at - points[0].Start) / Slots.Length);
        return slot >= 0 && slot < points.Length ? points[slot].Upper : null;
    }

    private async Task FlushQuietlyAsync()
    {
        try
        {
            await state.FlushAsync(eventLog);
        }
        catch (Exception error) when (StorageFaults.IsInfrastructure(error))
        {
            // Logged by a later tick once the log is back; the journal keeps the events until then.
            reporter.Failed($"alert book {HallId} log", error);
        }
    }
}
