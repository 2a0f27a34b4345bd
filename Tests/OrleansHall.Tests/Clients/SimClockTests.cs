using Microsoft.Extensions.Time.Testing;
using OrleansHall.Clients.Simulation;

namespace OrleansHall.Tests.Clients;

public sealed class SimClockTests
{
    private static readonly DateTimeOffset Monday0900 = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Simulated_time_runs_speed_times_faster_than_real_time()
    {
        var real = new FakeTimeProvider();
        var clock = new SimClock(Monday0900, speed: 60, real);

        real.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(Monday0900.AddMinutes(30), clock.Now);
        Assert.Equal(TimeSpan.FromSeconds(2), clock.ToReal(TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task A_simulated_delay_completes_after_the_scaled_real_delay()
    {
        var real = new FakeTimeProvider();
        var clock = new SimClock(Monday0900, speed: 120, real);

        var delay = clock.DelayAsync(TimeSpan.FromMinutes(10), CancellationToken.None);
        real.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(delay.IsCompleted);
        real.Advance(TimeSpan.FromSeconds(0.1));

        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Monday0900.AddMinutes(10), clock.Now);
    }

    [Fact]
    public void Speed_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimClock(Monday0900, 0, TimeProvider.System));
    }
}
