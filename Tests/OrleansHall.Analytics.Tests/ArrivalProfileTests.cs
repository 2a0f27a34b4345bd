using OrleansHall.Analytics.Demand;

namespace OrleansHall.Analytics.Tests;

public sealed class ArrivalProfileTests
{
    private static readonly ArrivalProfile Profile = new(peakPerHour: 60);

    // 2026-11-18 is a Wednesday in mid-month.
    private static DateTime Wednesday(int hour, int minute = 0) => new(2026, 11, 18, hour, minute, 0);

    [Fact]
    public void Hall_is_closed_before_half_past_eight_and_from_half_past_five()
    {
        Assert.Equal(0, Profile.RatePerHour(Wednesday(8, 29)));
        Assert.True(Profile.RatePerHour(Wednesday(8, 30)) > 0);
        Assert.True(Profile.RatePerHour(Wednesday(17, 29)) > 0);
        Assert.Equal(0, Profile.RatePerHour(Wednesday(17, 30)));
        Assert.Equal(0, Profile.RatePerHour(Wednesday(2)));
    }

    [Fact]
    public void Morning_and_afternoon_peaks_are_busier_than_the_lunch_dip()
    {
        var morning = Profile.RatePerHour(Wednesday(10, 15));
        var lunch = Profile.RatePerHour(Wednesday(12, 30));
        var afternoon = Profile.RatePerHour(Wednesday(15, 0));

        Assert.Equal(60, morning);
        Assert.True(lunch < 0.5 * morning, $"lunch {lunch} should be well below the morning peak {morning}");
        Assert.True(afternoon > 1.8 * lunch, $"afternoon {afternoon} should be well above lunch {lunch}");
        Assert.True(Profile.RatePerHour(Wednesday(8, 40)) < morning);
        Assert.True(Profile.RatePerHour(Wednesday(17, 10)) < afternoon);
    }

    [Fact]
    public void Weekends_are_quieter_than_weekdays_at_the_same_hour()
    {
        var saturday = new DateTime(2026, 11, 21, 10, 15, 0);
        Assert.Equal(DayOfWeek.Saturday, saturday.DayOfWeek);
        Assert.True(Profile.RatePerHour(saturday) < 0.7 * Profile.RatePerHour(Wednesday(10, 15)));
        Assert.True(Profile.RatePerHour(saturday) > 0, "halls open on weekends too");
    }

    [Fact]
    public void Last_days_of_the_month_are_busier_than_mid_month()
    {
        var monthEnd = new DateTime(2026, 9, 30, 10, 15, 0); // a Wednesday
        var midMonth = new DateTime(2026, 9, 16, 10, 15, 0); // a Wednesday
        Assert.True(Profile.RatePerHour(monthEnd) > 1.2 * Profile.RatePerHour(midMonth));
        // February has 28 days in 2026: the 26th is already month-end.
        Assert.True(Profile.RatePerHour(new DateTime(2026, 2, 26, 10, 15, 0)) > Profile.RatePerHour(new DateTime(2026, 2, 19, 10, 15, 0)));
    }

    [Fact]
    public void Max_rate_bounds_every_rate_so_thinning_is_exact()
    {
        for (var t = new DateTime(2026, 1, 1); t < new DateTime(2027, 1, 1); t = t.AddMinutes(10))
        {
            Assert.InRange(Profile.RatePerHour(t), 0, Profile.MaxRatePerHour);
        }
    }

    [Fact]
    public void Next_opening_after_closing_is_the_next_morning()
    {
        Assert.Equal(new DateTime(2026, 11, 19, 8, 30, 0), ArrivalProfile.NextOpening(Wednesday(18)));
        Assert.Equal(Wednesday(8, 30), ArrivalProfile.NextOpening(Wednesday(6)));
        Assert.Equal(Wednesday(11), ArrivalProfile.NextOpening(Wednesday(11)));
    }

    [Fact]
    public void A_non_positive_peak_is_refused_with_the_reason()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ArrivalProfile(0));
        Assert.Contains("positive", error.Message);
    }
}
