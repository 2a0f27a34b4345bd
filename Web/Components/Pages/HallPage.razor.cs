using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using OrleansHall.Forecast;
using OrleansHall.Hall;
using OrleansHall.Queue;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>One hall in detail; a hall manager or staff member may open only their own hall.</summary>
public sealed partial class HallPage
{
    private bool _unknown;
    private HallSnapshot? _snapshot;
    private HallConfig? _config;
    private List<ChartSeries<double>> _flowSeries = [];
    private string[] _flowLabels = [];
    private (int Entries, int Exits) _flowDrawnFor = (-1, -1);
    private IReadOnlyList<FlowBucket> _flow = [];
    private DayForecast? _forecast;
    private Dictionary<string, PredictionError> _predictionErrors = [];
    private int _flowLoading;

    [Inject]
    private AnalyticsService Analytics { get; set; } = default!;

    [Inject]
    private AlertService Alerts { get; set; } = default!;

    private string? _alertError;

    protected override IEnumerable<BreadcrumbItem> PageCrumbs() => [];

    protected override async Task LoadAsync()
    {
        (_unknown, _snapshot, _config, _flowDrawnFor) = (false, null, null, (-1, -1));
        if (!await Live.HallExistsAsync(HallId))
        {
            _unknown = true;
            return;
        }

        _config = await Live.GetConfigAsync(HallId);
        FollowHall(ShowAsync);
        await ShowAsync(await Live.GetSnapshotAsync(HallId));
        await LoadAnalyticsAsync();
    }

    private Task AcknowledgeAsync(Guid alertId) => OnAlertAsync(() => Alerts.AcknowledgeAsync(HallId, alertId, Who));

    private Task ResolveAsync(Guid alertId) => OnAlertAsync(() => Alerts.ResolveAsync(HallId, alertId, Who));

    /// <summary>Acts on an alert; the hall's next snapshot (within a second) shows the new state.</summary>
    private async Task OnAlertAsync(Func<Task<HallAlert>> act)
    {
        try
        {
            var changed = await act();
            _alertError = null;
            if (_snapshot is not null)
            {
                // Show it now; the snapshot that follows says the same.
                var others = _snapshot.Alerts.Where(a => a.Id != changed.Id);
                _snapshot = _snapshot with { Alerts = [.. changed.Status == OrleansHall.Alerts.AlertStatus.Resolved ? others : others.Append(changed).OrderBy(a => a.Since)] };
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _alertError = ex.Message;
        }
    }

    /// <summary>Today's forecast and the predicted-wait errors; the page works without them (a hall with no history yet).</summary>
    private async Task LoadAnalyticsAsync()
    {
        try
        {
            _forecast = await Analytics.GetForecastAsync(HallId, Analytics.Today, ForecastMetric.Entries);
            _predictionErrors = (await Analytics.GetPredictionErrorsAsync(HallId)).ToDictionary(e => e.BusinessType, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _forecast = new DayForecast(Analytics.Today, ForecastMetric.Entries, [], null, 0, ex.Message);
        }
    }

    private async Task ShowAsync(HallSnapshot snapshot)
    {
        if (_snapshot is not null && _snapshot.At > snapshot.At)
        {
            return;
        }

        _snapshot = snapshot;
        StateHasChanged();

        // The chart only changes when people came or left; skip the round-trip otherwise.
        if (_flowDrawnFor != (snapshot.EntriesToday, snapshot.ExitsToday) && Interlocked.Exchange(ref _flowLoading, 1) == 0)
        {
            try
            {
                _flowDrawnFor = (snapshot.EntriesToday, snapshot.ExitsToday);
                _flow = await Live.GetTodayFlowAsync(snapshot.HallId);
                DrawFlow(_flow);
                StateHasChanged();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _flowDrawnFor = (-1, -1);
                Error = ex.Message;
            }
            finally
            {
                Interlocked.Exchange(ref _flowLoading, 0);
            }
        }
    }

    private void DrawFlow(IReadOnlyList<FlowBucket> buckets)
    {
        // Label every hour only; 96 quarter-hour labels would overlap.
        _flowLabels = [.. buckets.Select(b =>
        {
            var local = b.Start.ToLocalTime();
            return local.Minute == 0 || buckets.Count <= 12 ? local.ToString("HH:mm", CultureInfo.InvariantCulture) : "";
        })];
        _flowSeries =
        [
            new ChartSeries<double> { Name = L["Entries"], Data = buckets.Select(b => (double)b.Entries).ToArray() },
            new ChartSeries<double> { Name = L["Exits"], Data = buckets.Select(b => (double)b.Exits).ToArray() },
        ];
    }

    /// <summary>Every configured business type, with its queue when tickets were issued for it.</summary>
    private IEnumerable<(string Type, BusinessTypeQueue? Queue)> QueueRows =>
        Rows<BusinessTypeQueue>(_config is null ? [] : _config.BusinessTypes, _snapshot is null ? [] : _snapshot.Queue.ByType, q => q.BusinessType);

    /// <summary>Every configured counter; one never opened today has no status yet.</summary>
    private IEnumerable<(string Counter, CounterStatus? Status)> CounterRows =>
        Rows<CounterStatus>(_config is null ? [] : _config.Counters, _snapshot is null ? [] : _snapshot.Queue.Counters, c => c.Counter);

    private static IEnumerable<(string Id, T? Item)> Rows<T>(IEnumerable<string> configured, IEnumerable<T> live, Func<T, string> id)
        where T : class
    {
        var byId = live.ToDictionary(id, StringComparer.Ordinal);
        var ids = configured.Concat(byId.Keys).Distinct(StringComparer.Ordinal);
        return ids.Select(i => (i, byId.GetValueOrDefault(i)));
    }

    /// <summary>What the cameras saw today; empty until the first camera reports.</summary>
    private HallVision Vision => _snapshot?.Vision ?? HallVision.Empty;

    private string YesNo(bool value) => value ? L["Yes"] : L["No"];

    private static string Minutes(double minutes) => minutes.ToString("0.#", CultureInfo.CurrentCulture);
}
