namespace OrleansHall.Device;

/// <summary>What operations and maintenance need to know about one device: health, use, its open fault, consumables.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceStatus(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string HallId,
    [property: Id(2)] DeviceKind Kind,
    [property: Id(3)] bool Online,
    [property: Id(4)] DateTimeOffset? LastHeartbeat,
    [property: Id(5)] int UsesToday,
    [property: Id(6)] int FaultsToday,
    [property: Id(7)] string? LastFault,
    [property: Id(8)] string? OpenFault = null,
    [property: Id(9)] DateTimeOffset? OpenFaultSince = null,
    [property: Id(10)] int RepairsToday = 0,
    [property: Id(11)] double RepairMinutesToday = 0,
    [property: Id(12)] System.Collections.Immutable.ImmutableDictionary<string, double>? Consumables = null)
{
    /// <summary>Mean time to repair of today's repaired faults, in minutes; null when none was repaired.</summary>
    public double? MeanRepairMinutes => RepairsToday == 0 ? null : Math.Round(RepairMinutesToday / RepairsToday, 1);

    /// <summary>Consumables below <see cref="ConsumableLevel.Low"/>.</summary>
    public IEnumerable<string> LowConsumables => (Consumables ?? System.Collections.Immutable.ImmutableDictionary<string, double>.Empty)
        .Where(c => c.Value < ConsumableLevel.Low).Select(c => c.Key).Order(StringComparer.Ordinal);
}
