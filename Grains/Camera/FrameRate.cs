namespace OrleansHall.Grains.Camera;

/// <summary>Frames per second over a sliding window of the last few seconds.</summary>
public sealed class FrameRate(TimeSpan? window = null)
{
    private readonly TimeSpan _window = window ?? TimeSpan.FromSeconds(5);
    private readonly Queue<DateTimeOffset> _times = new();

    public void Add(DateTimeOffset at)
    {
        _times.Enqueue(at);
        Trim(at);
    }

    public double PerSecond(DateTimeOffset now)
    {
        Trim(now);
        return _times.Count / _window.TotalSeconds;
    }

    private void Trim(DateTimeOffset now)
    {
        while (_times.Count > 0 && now - _times.Peek() > _window)
        {
            _times.Dequeue();
        }
    }
}
