using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using OrleansHall.History;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>A hall's daily report: totals, an hourly chart, business types and counters, for any of the last two weeks.</summary>
public sealed partial class ReportPage
{
    private List<DateOnly> _days = [];
    private DateOnly _day;
    private RollupTotals? _totals;
    private List<HourRow> _hours = [];

    [Inject]
    private AnalyticsService Analytics { get; set; } = default!;

    protected override IEnumerable<BreadcrumbItem> PageCrumbs() => [new(L["ReportTitle"], null, disabled: true)];

    protected override async Task LoadAsync()
    {
        _days = [.. Enumerable.Range(0, 14).Select(d => Analytics.Today.AddDays(-d))];
        await LoadDayAsync(Analytics.Today);
    }

    private Task DayChangedAsync(DateOnly day) => LoadDayAsync(day);

    private async Task LoadDayAsync(DateOnly day)
    {
        (_day, _totals, Error) = (day, null, null);
        await GuardAsync(async () =>
        {
            var (slots, totals) = await Analytics.GetDayAsync(HallId, day);
            _hours = [.. slots.GroupBy(s => s.Start.ToLocalTime().Hour).OrderBy(g => g.Key).Select(g =>
            {
                var t = RollupTotals.Of(g);
                return new HourRow($"{g.Key:00}:00", t.Issued, t.Served, t.MeanWaitMinutes);
            })];
            _totals = totals;
        });
    }

    private static string Num(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.CurrentCulture) : "-";

    private static string Pct(double? v) => v is { } x ? x.ToString("P0", CultureInfo.CurrentCulture) : "-";

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private sealed record HourRow(string Hour, int Issued, int Served, double? MeanWait);
}
