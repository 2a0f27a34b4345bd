namespace OrleansHall.Hall;

/// <summary>
/// People an infrared entry sensor saw pass through the door since its last reading.
/// <paramref name="EventId"/> is chosen by the sensor so a reading re-sent after a reconnect counts once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Passage(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] int Entries,
    [property: Id(2)] int Exits,
    [property: Id(3)] DateTimeOffset At);
