using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using OrleansHall.Hall;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>Every hall the user may see, live: the service pushes snapshots and this page re-renders.</summary>
public sealed partial class Region
{
    private IReadOnlyList<HallSnapshot> _halls = [];
    private IDisposable? _subscription;
    private System.Security.Claims.ClaimsPrincipal _user = new();
    private bool _loaded;
    private string _rankBy = "service-level";
    private Dictionary<string, IReadOnlyList<double?>> _trends = [];
    private DateTimeOffset _trendsAt = DateTimeOffset.MinValue;

    private static readonly string[] RankKeys = ["service-level", "longest-wait", "occupancy", "alerts"];

    [Inject]
    private AnalyticsService Analytics { get; set; } = default!;

    [Inject]
    private HallLiveService Live { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _user = (await AuthenticationState).User;
        // Someone who sees one hall follows that one, listed by a region or not; an operator follows every hall.
        _subscription = !_user.IsRegionalOperator() && _user.HallOf() is { } own
            ? Live.Subscribe(own, _ => InvokeAsync(Reload))
            : Live.Subscribe(_ => InvokeAsync(Reload));
        await Live.RefreshAsync();
        _loaded = true;
        Reload();
        await LoadTrendsAsync();
    }

    /// <summary>Each hall's last seven days of service level, read again at most every five minutes.</summary>
    private async Task LoadTrendsAsync()
    {
        if (DateTimeOffset.UtcNow - _trendsAt < TimeSpan.FromMinutes(5) && _trends.Count >= _halls.Count)
        {
            return;
        }

        _trendsAt = DateTimeOffset.UtcNow;
        foreach (var hall in _halls.ToList())
        {
            try
            {
                _trends[hall.HallId] = await Analytics.GetServiceTrendAsync(hall.HallId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A hall whose history cannot be read now shows no trend; the live columns still work.
                _trends.Remove(hall.HallId);
            }
        }

        StateHasChanged();
    }

    private void RankBy(string key)
    {
        _rankBy = key;
        StateHasChanged();
    }

    /// <summary>Worst first: lowest service level, longest wait, fullest, most alerts; ties by hall id.</summary>
    private IEnumerable<HallSnapshot> Ranked() => _rankBy switch
    {
        "longest-wait" => _halls.OrderByDescending(h => h.Queue.LongestWaitMinutes).ThenBy(h => h.HallId, StringComparer.Ordinal),
        "occupancy" => _halls.OrderByDescending(h => Fill(h)).ThenBy(h => h.HallId, StringComparer.Ordinal),
        "alerts" => _halls.OrderByDescending(h => h.Alerts.Length).ThenBy(h => h.HallId, StringComparer.Ordinal),
        _ => _halls.OrderBy(h => WeekLevel(h.HallId) ?? 2).ThenBy(h => h.HallId, StringComparer.Ordinal),
    };

    /// <summary>The mean of the days with a service level in the last week (each day counts once).</summary>
    private double? WeekLevel(string hallId)
        => _trends.GetValueOrDefault(hallId) is { } trend && trend.Any(v => v is not null) ? trend.Where(v => v is not null).Average() : null;

    /// <summary>Points of the trend line: the vertical scale runs from 50 % (or the lowest day, if lower) to 100 %.</summary>
    private static string Spark(IReadOnlyList<double?> trend)
    {
        var low = Math.Min(0.5, trend.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0.5).Min());
        return string.Join(" ", trend.Select((v, i) => (v, i)).Where(x => x.v is not null)
            .Select(x => FormattableString.Invariant($"{2 + (x.i * 80.0 / Math.Max(1, trend.Count - 1)):0.#},{20 - (18 * (x.v!.Value - low) / Math.Max(0.01, 1 - low)):0.#}")));
    }

    public void Dispose() => _subscription?.Dispose();

    private void Reload()
    {
        _halls = [.. Live.Halls.Where(h => _user.CanSeeHall(h.HallId))];
        StateHasChanged();
    }

    private static string Display(HallSnapshot hall) =>
        string.IsNullOrWhiteSpace(hall.Name) ? hall.HallId : $"{hall.Name} ({hall.HallId})";

    private static double Fill(HallSnapshot hall) =>
        hall.Capacity <= 0 ? 0 : Math.Min(100, 100.0 * hall.Occupancy / hall.Capacity);

    private static string Minutes(double minutes) =>
        minutes.ToString("0.#", CultureInfo.CurrentCulture);
}
