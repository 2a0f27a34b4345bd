namespace OrleansHall.Clients.Simulation;

/// <summary>A seeded random source shared by many visitor tasks (Random itself is not thread-safe).</summary>
public sealed class SyncRandom(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public double NextDouble()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }

    public int Next(int maxExclusive)
    {
        lock (_gate)
        {
            return _random.Next(maxExclusive);
        }
    }

    public bool Chance(double probability) => NextDouble() < probability;

    public TimeSpan Minutes(double min, double max) => TimeSpan.FromMinutes(min + NextDouble() * (max - min));

    /// <summary>Runs a draw that needs a plain <see cref="Random"/> under the lock.</summary>
    public T With<T>(Func<Random, T> draw)
    {
        lock (_gate)
        {
            return draw(_random);
        }
    }
}
