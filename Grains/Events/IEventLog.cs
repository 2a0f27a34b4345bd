namespace OrleansHall.Grains.Events;

/// <summary>The append-only log of acknowledged events. A completed append is durable.</summary>
public interface IEventLog
{
    /// <summary>Appends the event; completes when it is committed. Appending an id twice stores it once.</summary>
    Task AppendAsync(HallEvent hallEvent, CancellationToken cancellationToken = default);

    /// <summary>Appends several events (each once by id); completes when all are committed.</summary>
    Task AppendAllAsync(IReadOnlyCollection<HallEvent> events, CancellationToken cancellationToken = default)
        => Task.WhenAll(events.Select(e => AppendAsync(e, cancellationToken)));

    /// <summary>The stored event with this id, or null.</summary>
    Task<HallEvent?> FindAsync(Guid eventId, CancellationToken cancellationToken = default);

    /// <summary>A hall's events that happened in [from, to), in the order they happened.</summary>
    Task<IReadOnlyList<HallEvent>> ReadAsync(string hallId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
