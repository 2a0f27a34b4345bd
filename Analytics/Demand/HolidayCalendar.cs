namespace OrleansHall.Analytics.Demand;

/// <summary>
/// Public holidays for the simulated history: New Year's Day, the Spring Festival week, Qingming, Labour Day week,
/// Dragon Boat, Mid-Autumn and the National Day week, for 2025-2027. The dates are the simulator's calendar, close
/// to the official ones but not taken from them; a hall is open on holidays with far fewer customers.
/// </summary>
public static class HolidayCalendar
{
    public const double HolidayFactor = 0.35;

    private static readonly HashSet<DateOnly> Days = Build();

    public static bool IsHoliday(DateOnly day) => Days.Contains(day);

    private static HashSet<DateOnly> Build()
    {
        var days = new HashSet<DateOnly>();
        void Span(int year, int month, int day, int length)
        {
            for (var i = 0; i < length; i++)
            {
                days.Add(new DateOnly(year, month, day).AddDays(i));
            }
        }

        foreach (var year in new[] { 2025, 2026, 2027 })
        {
            Span(year, 1, 1, 1);
            Span(year, 4, 5, 1);
            Span(year, 5, 1, 5);
            Span(year, 10, 1, 7);
        }

        Span(2025, 1, 28, 7);
        Span(2025, 5, 31, 1);
        Span(2026, 2, 16, 7);
        Span(2026, 6, 19, 1);
        Span(2026, 9, 25, 1);
        Span(2027, 2, 5, 7);
        Span(2027, 6, 9, 1);
        Span(2027, 9, 15, 1);
        return days;
    }
}
