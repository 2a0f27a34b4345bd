using System.Globalization;
using Microsoft.AspNetCore.Components;
using OrleansHall.Forecast;
using OrleansHall.Hall;

namespace OrleansHall.Web.Components.Analytics;

/// <summary>Draws a day's forecast and band with today's actual counts so far; only the slots from 08:00 to 18:30 are shown.</summary>
public sealed partial class ForecastChart
{
    private const double Width = 960;
    private const double Height = 240;
    private const double Bottom = 20;
    private const double BarWidth = 14;

    private static readonly TimeSpan FirstShown = TimeSpan.FromHours(8);
    private static readonly TimeSpan LastShown = TimeSpan.FromHours(18.5);

    private List<Point> _points = [];
    private double _max = 1;

    [Parameter, EditorRequired]
    public DayForecast? Forecast { get; set; }

    /// <summary>Today's counts so far per 15-minute slot (entries); slots not reached yet have none.</summary>
    [Parameter]
    public IReadOnlyList<FlowBucket> Actual { get; set; } = [];

    protected override void OnParametersSet()
    {
        var actual = Actual.ToDictionary(b => b.Start.ToUniversalTime(), b => (double)b.Entries);
        _points = [.. (Forecast?.Points ?? [])
            .Where(p => p.Start.ToLocalTime().TimeOfDay >= FirstShown && p.Start.ToLocalTime().TimeOfDay < LastShown)
            .Select(p => new Point(p.Start.ToLocalTime(), p.Mean, p.Lower, p.Upper, actual.TryGetValue(p.Start.ToUniversalTime(), out var a) ? a : null))];
        _max = Math.Max(1, _points.Select(p => Math.Max(p.Upper, p.Actual ?? 0)).DefaultIfEmpty(1).Max()) * 1.1;
    }

    private double X(int i) => (i + 0.5) * Width / Math.Max(1, _points.Count);

    private double Y(double value) => (Height - Bottom) * (1 - (value / _max));

    private string BandPoints()
        => string.Join(" ", _points.Select((p, i) => $"{F(X(i))},{F(Y(p.Upper))}")
            .Concat(_points.Select((p, i) => (p, i)).Reverse().Select(x => $"{F(X(x.i))},{F(Y(x.p.Lower))}")));

    private string LinePoints() => string.Join(" ", _points.Select((p, i) => $"{F(X(i))},{F(Y(p.Mean))}"));

    private IEnumerable<(int Index, string Label)> HourLabels()
        => _points.Select((p, i) => (p, i)).Where(x => x.p.Start.Minute == 0 && x.p.Start.Hour % 2 == 0).Select(x => (x.i, x.p.Start.ToString("HH:mm", CultureInfo.InvariantCulture)));

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private sealed record Point(DateTimeOffset Start, double Mean, double Lower, double Upper, double? Actual);
}
