using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using OrleansHall.History;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>A hall's daily report: totals, an hourly chart, business types and counters, for any of the last two weeks.</summary>
public sealed partial class ReportPage
{
    private System.Security.Claims.ClaimsPrincipal _user = new();
    private List<BreadcrumbItem> _breadcrumbs = [];
    private List<DateOnly> _days = [];
    private DateOnly _day;
    private RollupTotals? _totals;
    private List<HourRow> _hours = [];
    private string? _error;
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
        _breadcrumbs = [new(L["RegionTitle"], "/"), new(HallId, $"halls/{HallId}"), new(L["ReportTitle"], null, disabled: true)];
        _forbidden = !_user.CanSeeHall(HallId);
        if (_forbidden)
        {
            return;
        }

        _days = [.. Enumerable.Range(0, 14).Select(d => Analytics.Today.AddDays(-d))];
        await LoadAsync(Analytics.Today);
    }

    private Task DayChangedAsync(DateOnly day) => LoadAsync(day);

    private async Task LoadAsync(DateOnly day)
    {
        (_day, _totals, _error) = (day, null, null);
        try
        {
            var (slots, totals) = await Analytics.GetDayAsync(HallId, day);
            _hours = [.. slots.GroupBy(s => s.Start.ToLocalTime().Hour).OrderBy(g => g.Key).Select(g =>
            {
                var t = RollupTotals.Of(g);
                return new HourRow($"{g.Key:00}:00", t.Issued, t.Served, t.MeanWaitMinutes);
            })];
            _totals = totals;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = ex.Message;
        }
    }

    private static string Num(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.CurrentCulture) : "-";

    private static string Pct(double? v) => v is { } x ? x.ToString("P0", CultureInfo.CurrentCulture) : "-";

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private sealed record HourRow(string Hour, int Issued, int Served, double? MeanWait);
}
