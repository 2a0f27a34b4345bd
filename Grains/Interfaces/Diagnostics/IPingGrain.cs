namespace OrleansHall.Diagnostics;

/// <summary>
/// A grain that does nothing but answer: the cost of a bare call through the gateway, against which `hallctl bench
/// cluster` sets the cost of a device event. Keyed by any number.
/// </summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>Returns <paramref name="value"/> + 1.</summary>
    Task<long> PingAsync(long value);
}
