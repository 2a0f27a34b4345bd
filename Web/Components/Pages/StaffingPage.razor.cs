using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using OrleansHall.Staffing;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>A hall's staffing suggestion for a day of the forecast week, against its current roster.</summary>
public sealed partial class StaffingPage
{
    private List<DateOnly> _days = [];
    private DateOnly _day;
    private StaffingPlan? _plan;
    private bool _loading = true;

    [Inject]
    private AnalyticsService Analytics { get; set; } = default!;

    protected override IEnumerable<BreadcrumbItem> PageCrumbs() => [new(L["StaffingTitle"], null, disabled: true)];

    protected override async Task LoadAsync()
    {
        _days = [.. Enumerable.Range(0, 7).Select(d => Analytics.Today.AddDays(d))];
        await LoadDayAsync(Analytics.Today);
    }

    private Task DayChangedAsync(DateOnly day) => LoadDayAsync(day);

    private async Task LoadDayAsync(DateOnly day)
    {
        (_day, _loading, Error, _plan) = (day, true, null, null);
        StateHasChanged();
        await GuardAsync(async () => _plan = await Analytics.GetStaffingAsync(HallId, day));
        _loading = false;
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
