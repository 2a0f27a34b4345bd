using OrleansHall.Analytics.Forecasting;

namespace OrleansHall.Analytics.Demand;

/// <summary>
/// The expected customers per 15-minute slot of a hall on a day: the weekday/hour profile (morning and afternoon
/// peaks, lunch dip, quieter weekends, busier month-ends), fewer on public holidays, and a day-to-day swing (weather,
/// local events) drawn once per hall and day, so two runs of one hall and day agree.
/// </summary>
public sealed class HallDemand(ArrivalProfile profile, string hallId, double daySpread = 0.12)
{
    public ArrivalProfile Profile => profile;

    /// <summary>Slots from opening to closing on any day (36 for 08:30-17:30).</summary>
    public static int OpenSlots => (int)((ArrivalProfile.Closes - ArrivalProfile.Opens) / Slots.Length);

    /// <summary>Expected arrivals per hour in each open slot of <paramref name="day"/>, from opening.</summary>
    public double[] RatesPerHour(DateOnly day)
    {
        var factor = DayFactor(day) * (HolidayCalendar.IsHoliday(day) ? HolidayCalendar.HolidayFactor : 1);
        var opens = day.ToDateTime(TimeOnly.FromTimeSpan(ArrivalProfile.Opens));
        return [.. Enumerable.Range(0, OpenSlots).Select(s => profile.RatePerHour(opens + (Slots.Length * s) + (Slots.Length / 2)) * factor)];
    }

    /// <summary>The day's swing: lognormal about 1, fixed by hall and date.</summary>
    public double DayFactor(DateOnly day)
    {
        var random = new Random(unchecked((StableHash(hallId) * 397) ^ day.DayNumber));
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Exp((daySpread * normal) - (daySpread * daySpread / 2));
    }

    // string.GetHashCode and HashCode.Combine differ per process; the history must not.
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
