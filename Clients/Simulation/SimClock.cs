namespace OrleansHall.Clients.Simulation;

/// <summary>Simulated local time that starts at <paramref name="start"/> and runs <paramref name="speed"/> times faster than real time.</summary>
public sealed class SimClock
{
    private readonly DateTimeOffset _start;
    private readonly TimeProvider _time;
    private readonly long _realStart;

    public SimClock(DateTimeOffset start, double speed, TimeProvider time)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Speed must be a positive factor.");
        }

        _start = start;
        Speed = speed;
        _time = time;
        _realStart = time.GetTimestamp();
    }

    public double Speed { get; }

    public DateTimeOffset Now => _start + _time.GetElapsedTime(_realStart) * Speed;

    public DateTime LocalNow => Now.LocalDateTime;

    public TimeSpan ToReal(TimeSpan simulated) => simulated / Speed;

    public Task DelayAsync(TimeSpan simulated, CancellationToken stopping) =>
        simulated <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(ToReal(simulated), _time, stopping);

    public Task DelayUntilAsync(DateTime local, CancellationToken stopping) =>
        DelayAsync(new DateTimeOffset(local) - Now, stopping);
}
