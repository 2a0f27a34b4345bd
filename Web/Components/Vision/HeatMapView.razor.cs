using System.Globalization;
using Microsoft.AspNetCore.Components;
using OrleansHall.Hall;

namespace OrleansHall.Web.Components.Vision;

/// <summary>Today's dwell over the hall's floor plan, one coloured square per floor cell, with its scale.</summary>
public sealed partial class HeatMapView
{
    private const int CellSize = 10;
    private static readonly double[] LegendTicks = [0, 0.25, 0.5, 0.75, 1];

    private double _max;
    private string? _problem;

    [Parameter, EditorRequired]
    public HeatMap Heat { get; set; } = HeatMap.Empty;

    private int Width => Heat.Columns * CellSize;

    private int Height => Heat.Rows * CellSize;

    private static string LegendGradient =>
        string.Join(", ", Enumerable.Range(0, 11).Select(i => HeatRamp.Color(i / 10.0)));

    protected override void OnParametersSet()
    {
        var cells = Heat.DwellSeconds.IsDefault ? 0 : Heat.DwellSeconds.Length;
        _problem = Heat.Columns <= 0 || Heat.Rows <= 0 || cells != Heat.Columns * Heat.Rows
            ? L["HeatInvalid", Heat.Columns, Heat.Rows, cells].Value
            : null;
        _max = _problem is null && cells > 0 ? Heat.DwellSeconds.Max() : 0;
    }

    private string CellTitle(int x, int y, double seconds) =>
        string.Create(CultureInfo.CurrentCulture, $"{L["HeatCell", x + 1, y + 1]}: {DwellFormat.Duration(seconds, L)}");
}
