namespace OrleansHall.Device;

/// <summary>A device reports a fault (paper out, card reader jammed).</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceFault(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string Code,
    [property: Id(2)] string Message,
    [property: Id(3)] DateTimeOffset At);
