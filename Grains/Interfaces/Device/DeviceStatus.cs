namespace OrleansHall.Device;

/// <summary>What operations and maintenance need to know about one device.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceStatus(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string HallId,
    [property: Id(2)] DeviceKind Kind,
    [property: Id(3)] bool Online,
    [property: Id(4)] DateTimeOffset? LastHeartbeat,
    [property: Id(5)] int UsesToday,
    [property: Id(6)] int FaultsToday,
    [property: Id(7)] string? LastFault);
