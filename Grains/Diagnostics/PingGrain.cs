using OrleansHall.Diagnostics;

namespace OrleansHall.Grains.Diagnostics;

/// <inheritdoc cref="IPingGrain"/>
public sealed class PingGrain : Grain, IPingGrain
{
    public Task<long> PingAsync(long value) => Task.FromResult(value + 1);
}
