using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using OrleansHall.Hall;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>
/// The hall's visitors as a group: today's age and gender make-up from the cameras and when people come, by weekday and
/// hour, from the rollups. Counts only: nothing here is about any one person.
/// </summary>
public sealed partial class PortraitPage
{
    private const int Weeks = 4;
    private const int Open = 7;
    private const int Close = 20;
    private static readonly string[] Bands = ["0-17", "18-29", "30-44", "45-59", "60+"];

    private System.Security.Claims.ClaimsPrincipal _user = new();
    private List<BreadcrumbItem> _breadcrumbs = [];
    private HallSnapshot? _snapshot;
    private double[,] _times = new double[7, 24];
    private double _peak;
    private int _days;
    private IDisposable? _subscription;
    private string? _error;
    private bool _forbidden;

    [Parameter]
    public string HallId { get; set; } = "";

    [Inject]
    private HallLiveService Live { get; set; } = default!;

    [Inject]
    private AnalyticsService Analytics { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private int Total => _snapshot?.Vision.Demographics.Sum(d => d.Visitors) ?? 0;

    protected override async Task OnParametersSetAsync()
    {
        _user = (await AuthenticationState).User;
        _breadcrumbs = [new(L["RegionTitle"], "/"), new(HallId, $"halls/{HallId}"), new(L["PortraitTitle"], null, disabled: true)];
        _forbidden = !_user.CanSeeHall(HallId);
        if (_forbidden)
        {
            return;
        }

        try
        {
            Live.Watch(HallId);
            var hallId = HallId;
            _subscription?.Dispose();
            _subscription = Live.Subscribe(s =>
            {
                if (s.HallId == hallId)
                {
                    _ = InvokeAsync(() =>
                    {
                        _snapshot = s;
                        StateHasChanged();
                    });
                }
            });
            _snapshot = await Live.GetSnapshotAsync(HallId);
            (_times, _days) = await Analytics.GetVisitTimesAsync(HallId, Weeks);
            _peak = _times.Cast<double>().Max();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = ex.Message;
        }
    }

    public void Dispose() => _subscription?.Dispose();

    private int Count(string band, string gender)
        => _snapshot!.Vision.Demographics.Where(d => d.AgeBand == band && d.Gender == gender).Sum(d => d.Visitors);
}
