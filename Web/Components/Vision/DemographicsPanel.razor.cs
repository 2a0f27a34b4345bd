using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using OrleansHall.Hall;

namespace OrleansHall.Web.Components.Vision;

/// <summary>Today's visitors by age band and gender: a stacked bar per band and the numbers beside it.</summary>
public sealed partial class DemographicsPanel
{
    private static readonly string[] Genders = ["female", "male"];
    private static readonly string[] KnownBands = ["0-17", "18-29", "30-44", "45-59", "60+"];

    private StackedBarChartOptions _options = new();
    private Dictionary<(string Band, string Gender), int> _counts = [];
    private string[] _bands = KnownBands;
    private List<ChartSeries<double>> _series = [];
    private int _total;

    [Parameter, EditorRequired]
    public ImmutableArray<DemographicCount> Demographics { get; set; } = [];

    protected override void OnParametersSet()
    {
        var rows = Demographics.IsDefault ? [] : Demographics;
        _counts = rows
            .GroupBy(d => (d.AgeBand, d.Gender))
            .ToDictionary(g => g.Key, g => g.Sum(d => d.Visitors));
        // Every band always shows (an empty band is news too); a band the grains invent later still appears.
        _bands = [.. KnownBands.Concat(rows.Select(d => d.AgeBand).Where(b => !KnownBands.Contains(b)).Distinct())];
        _total = _counts.Where(c => Genders.Contains(c.Key.Gender)).Sum(c => c.Value);
        _series = [.. Genders.Select(g => new ChartSeries<double>
        {
            Name = L[$"Gender.{g}"],
            Data = _bands.Select(b => (double)Count(b, g)).ToArray(),
        })];
        var tallest = _bands.Select(b => Genders.Sum(g => Count(b, g))).DefaultIfEmpty(0).Max();
        _options = new StackedBarChartOptions
        {
            ChartPalette = ["#c2185b", "#1976d2"],
            ShowValues = true,
            ShowZeroValues = false,
            YAxisFormat = "0",
            // About four gridlines whatever the day's numbers; the default step of 20 flattens a quiet morning.
            YAxisTicks = NiceStep(tallest / 4.0),
        };
    }

    /// <summary>The smallest of 1, 2, 5, 10, 20, 50, ... at least <paramref name="rough"/>.</summary>
    private static int NiceStep(double rough)
    {
        for (var magnitude = 1; ; magnitude *= 10)
        {
            foreach (var multiple in (ReadOnlySpan<int>)[1, 2, 5])
            {
                if (multiple * magnitude >= rough)
                {
                    return multiple * magnitude;
                }
            }
        }
    }

    private int Count(string band, string gender) => _counts.GetValueOrDefault((band, gender));
}
