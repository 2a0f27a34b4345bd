namespace OrleansHall.Analytics.Demand;

/// <summary>
/// How many customers per hour walk into a hall at a given local time: zero outside opening hours
/// (08:30-17:30), a morning peak around 10:00, a lunch dip, an afternoon peak around 15:00; weekends
/// are quieter and the last days of a month (bills due) busier.
/// </summary>
public sealed class ArrivalProfile
{
    public static readonly TimeSpan Opens = new(8, 30, 0);
    public static readonly TimeSpan Closes = new(17, 30, 0);

    private const double WeekendFactor = 0.55;
    private const double MonthEndFactor = 1.4;
    private const int MonthEndDays = 3;

    // Relative busyness per half hour from 08:30; peaks at 1.0 (10:00-10:30).
    private static readonly double[] HalfHourShape =
    [
        0.45, 0.70, 0.90, 1.00, 0.95, 0.80, // 08:30 .. 11:00-11:30
        0.55, 0.40, 0.35, 0.45,             // 11:30 .. 13:00-13:30 lunch dip
        0.65, 0.80, 0.90, 0.85, 0.70,       // 13:30 .. 15:30-16:00 afternoon peak
        0.55, 0.45, 0.30,                   // 16:00 .. 17:00-17:30 closing
    ];

    public ArrivalProfile(double peakPerHour)
    {
        if (!(peakPerHour > 0) || double.IsInfinity(peakPerHour))
        {
            throw new ArgumentOutOfRangeException(nameof(peakPerHour), peakPerHour, "The weekday peak rate must be a positive number of customers per hour.");
        }

        PeakPerHour = peakPerHour;
    }

    /// <summary>Customers per hour at the weekday morning peak, outside month-end.</summary>
    public double PeakPerHour { get; }

    /// <summary>An upper bound of <see cref="RatePerHour"/> over all times, for thinning.</summary>
    public double MaxRatePerHour => PeakPerHour * MonthEndFactor;

    public static bool IsOpen(DateTime local) => local.TimeOfDay >= Opens && local.TimeOfDay < Closes;

    public double RatePerHour(DateTime local)
    {
        if (!IsOpen(local))
        {
            return 0;
        }

        var slot = (int)((local.TimeOfDay - Opens).TotalMinutes / 30);
        var rate = PeakPerHour * HalfHourShape[Math.Min(slot, HalfHourShape.Length - 1)];
        if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            rate *= WeekendFactor;
        }

        if (local.Day > DateTime.DaysInMonth(local.Year, local.Month) - MonthEndDays)
        {
            rate *= MonthEndFactor;
        }

        return rate;
    }

    /// <summary>The next opening time at or after <paramref name="local"/>.</summary>
    public static DateTime NextOpening(DateTime local)
    {
        if (IsOpen(local))
        {
            return local;
        }

        var today = local.Date + Opens;
        return local < today ? today : local.Date.AddDays(1) + Opens;
    }
}
