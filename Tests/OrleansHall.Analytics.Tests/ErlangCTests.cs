using OrleansHall.Analytics.Staffing;

namespace OrleansHall.Analytics.Tests;

public sealed class ErlangCTests
{
    [Fact]
    public void One_counter_is_the_textbook_single_server_queue()
    {
        // M/M/1: P(wait) = rho, SL(T) = 1 - rho e^(-(1 - rho) T / h).
        var result = ErlangC.Evaluate(arrivalsPerHour: 6, handleSeconds: 300, counters: 1, targetSeconds: 600);

        Assert.Equal(0.5, result.ProbabilityOfWaiting, 10);
        Assert.Equal(1 - (0.5 * Math.Exp(-0.5 * 2)), result.ServiceLevel, 10);
        Assert.Equal(0.5, result.Occupancy, 10);
        Assert.Equal(300, result.MeanWaitSeconds, 6);
    }

    [Fact]
    public void Two_counters_at_one_erlang_wait_with_probability_one_third()
    {
        // C(2, 1) = (A^2/2! * 2/(2-1)) / (1 + A + A^2/2! * 2/(2-1)) = 1 / 3.
        var result = ErlangC.Evaluate(arrivalsPerHour: 12, handleSeconds: 300, counters: 2, targetSeconds: 0);

        Assert.Equal(1 / 3.0, result.ProbabilityOfWaiting, 10);
        Assert.Equal(2 / 3.0, result.ServiceLevel, 10);
    }

    [Theory]
    // The call-centre textbook case: 200 calls an hour of 180 s (10 Erlangs), 80 % answered within 20 s.
    // Probability of waiting as published; service level 1 - P(wait) e^(-(N - A) T / h) from it.
    [InlineData(11, 0.6821, 0.3896)]
    [InlineData(12, 0.4494, 0.6402)]
    [InlineData(13, 0.2853, 0.7956)]
    [InlineData(14, 0.1741, 0.8884)]
    public void Ten_erlangs_reproduce_the_published_table(int agents, double waiting, double serviceLevel)
    {
        var result = ErlangC.Evaluate(arrivalsPerHour: 200, handleSeconds: 180, counters: agents, targetSeconds: 20);

        Assert.Equal(waiting, result.ProbabilityOfWaiting, 3);
        Assert.Equal(serviceLevel, result.ServiceLevel, 3);
    }

    [Fact]
    public void The_requirement_is_the_fewest_counters_that_meet_the_target()
    {
        var result = ErlangC.Required(arrivalsPerHour: 200, handleSeconds: 180, targetSeconds: 20, serviceLevel: 0.8);

        Assert.Equal(14, result.Counters);
        Assert.True(ErlangC.Evaluate(200, 180, 13, 20).ServiceLevel < 0.8);
    }

    [Fact]
    public void An_overloaded_queue_meets_no_target_and_bad_input_is_refused_by_name()
    {
        Assert.Equal(0, ErlangC.Evaluate(arrivalsPerHour: 30, handleSeconds: 600, counters: 4, targetSeconds: 600).ServiceLevel);
        Assert.Contains("handling", Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.Evaluate(10, 0, 1, 60)).Message);
        Assert.Contains("arrivals", Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.Evaluate(double.NaN, 60, 1, 60)).Message);
        Assert.Contains("service level", Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.Required(10, 60, 60, 1.2)).Message);
    }
}
