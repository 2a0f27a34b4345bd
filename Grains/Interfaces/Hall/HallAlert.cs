using OrleansHall.Alerts;

namespace OrleansHall.Hall;

/// <summary>
/// An alert of a hall: which rule, what it says, since when, and where it is in its life (raised, acknowledged,
/// resolved, with who and when). <see cref="Id"/> is what the console acknowledges and resolves by.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HallAlert(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Message,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] Guid Id = default,
    [property: Id(4)] AlertStatus Status = AlertStatus.Raised,
    [property: Id(5)] string? AcknowledgedBy = null,
    [property: Id(6)] DateTimeOffset? AcknowledgedAt = null,
    [property: Id(7)] string? ResolvedBy = null,
    [property: Id(8)] DateTimeOffset? ResolvedAt = null);
