namespace OrleansHall.Device;

/// <summary>A technician (or the device itself) reports its open fault fixed.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceRepair(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string By,
    [property: Id(2)] DateTimeOffset At);
