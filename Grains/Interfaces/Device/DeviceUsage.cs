namespace OrleansHall.Device;

/// <summary>
/// A transaction on a self-service device (a kiosk bill payment, an ID card read), by a known customer when they
/// identified themselves (their account number or card): it then counts as a kiosk visit of theirs.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DeviceUsage(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string BusinessType,
    [property: Id(2)] bool Succeeded,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? CustomerId = null);
