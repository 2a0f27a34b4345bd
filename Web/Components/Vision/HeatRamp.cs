using System.Globalization;

namespace OrleansHall.Web.Components.Vision;

/// <summary>
/// Colours for dwell heat: ColorBrewer's sequential yellow-orange-red, which is ordered by lightness so more dwell
/// always reads darker, and stays legible over a light floor plan. Empty cells keep the floor colour.
/// </summary>
public static class HeatRamp
{
    public const string Floor = "#f5f7f8";

    private static readonly (byte R, byte G, byte B)[] Stops =
    [
        (0xff, 0xff, 0xcc), (0xff, 0xed, 0xa0), (0xfe, 0xd9, 0x76), (0xfe, 0xb2, 0x4c), (0xfd, 0x8d, 0x3c),
        (0xfc, 0x4e, 0x2a), (0xe3, 0x1a, 0x1c), (0xbd, 0x00, 0x26), (0x80, 0x00, 0x26),
    ];

    // The palest stops are nearly the floor colour; start a little in so the lightest visit still shows.
    private const double Start = 0.12;

    /// <summary>
    /// Position 0..1 on the scale for <paramref name="seconds"/> of <paramref name="maxSeconds"/>. Square root, because
    /// dwell piles up at the counters and a linear scale would leave the rest of the floor looking empty.
    /// </summary>
    public static double Position(double seconds, double maxSeconds) =>
        maxSeconds <= 0 || seconds <= 0 ? 0 : Math.Sqrt(Math.Min(seconds, maxSeconds) / maxSeconds);

    /// <summary>The seconds that sit at <paramref name="position"/> on the scale (the inverse of <see cref="Position"/>).</summary>
    public static double SecondsAt(double position, double maxSeconds) => maxSeconds * position * position;

    /// <summary>CSS colour for a position 0..1 on the scale.</summary>
    public static string Color(double position)
    {
        var t = Start + ((1 - Start) * Math.Clamp(position, 0, 1));
        var scaled = t * (Stops.Length - 1);
        var i = Math.Min((int)scaled, Stops.Length - 2);
        var f = scaled - i;
        var (a, b) = (Stops[i], Stops[i + 1]);
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(a.R, b.R, f):x2}{Mix(a.G, b.G, f):x2}{Mix(a.B, b.B, f):x2}");
    }

    public static string CellColor(double seconds, double maxSeconds) =>
        seconds <= 0 ? Floor : Color(Position(seconds, maxSeconds));

    private static int Mix(byte from, byte to, double f) => (int)Math.Round(from + ((to - from) * f));
}
