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

    [Inject]
    private HallLiveService Live { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _user = (await AuthenticationState).User;
        if (!_user.IsRegionalOperator() && _user.HallOf() is { } own)
        {
            Live.Watch(own);
        }

        _subscription = Live.Subscribe(_ => InvokeAsync(Reload));
        await Live.RefreshAsync();
        _loaded = true;
        Reload();
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
