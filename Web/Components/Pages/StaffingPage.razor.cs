using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using OrleansHall.Staffing;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>A hall's staffing suggestion for a day of the forecast week, against its current roster.</summary>
public sealed partial class StaffingPage
{
    private System.Security.Claims.ClaimsPrincipal _user = new();
    private List<BreadcrumbItem> _breadcrumbs = [];
    private List<DateOnly> _days = [];
    private DateOnly _day;
    private StaffingPlan? _plan;
    private string? _error;
    private bool _loading = true;
    private bool _forbidden;

    [Parameter]
    public string HallId { get; set; } = "";

    [Inject]
    private AnalyticsService Analytics { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _user = (await AuthenticationState).User;
        _breadcrumbs = [new(L["RegionTitle"], "/"), new(HallId, $"halls/{HallId}"), new(L["StaffingTitle"], null, disabled: true)];
        _forbidden = !_user.CanSeeHall(HallId);
        if (_forbidden)
        {
            return;
        }

        _days = [.. Enumerable.Range(0, 7).Select(d => Analytics.Today.AddDays(d))];
        await LoadAsync(Analytics.Today);
    }

    private Task DayChangedAsync(DateOnly day) => LoadAsync(day);

    private async Task LoadAsync(DateOnly day)
    {
        (_day, _loading, _error, _plan) = (day, true, null, null);
        StateHasChanged();
        try
        {
            _plan = await Analytics.GetStaffingAsync(HallId, day);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = ex.Message;
        }
        finally
        {
            _loading = false;
        }
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
