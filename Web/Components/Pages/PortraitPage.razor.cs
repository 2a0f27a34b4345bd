using Microsoft.AspNetCore.Components;
using MudBlazor;
using OrleansHall.Hall;
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

    private HallSnapshot? _snapshot;
    private double[,] _times = new double[7, 24];
    private double _peak;
    private int _days;

    [Inject]
    private AnalyticsService Analytics { get; set; } = default!;

    private int Total => _snapshot?.Vision.Demographics.Sum(d => d.Visitors) ?? 0;

    protected override IEnumerable<BreadcrumbItem> PageCrumbs() => [new(L["PortraitTitle"], null, disabled: true)];

    protected override async Task LoadAsync()
    {
        FollowHall(s => _snapshot = s);
        _snapshot = await Live.GetSnapshotAsync(HallId);
        (_times, _days) = await Analytics.GetVisitTimesAsync(HallId, Weeks);
        _peak = _times.Cast<double>().Max();
    }

    private int Count(string band, string gender)
        => _snapshot!.Vision.Demographics.Where(d => d.AgeBand == band && d.Gender == gender).Sum(d => d.Visitors);
}
