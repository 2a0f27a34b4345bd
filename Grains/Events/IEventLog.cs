namespace OrleansHall.Grains.Events;

/// <summary>The append-only log of acknowledged events. A completed append is durable.</summary>
public interface IEventLog
{
    /// <summary>Appends the event; completes when it is committed. Appending an id twice stores it once.</summary>
    Task AppendAsync(HallEvent hallEvent, CancellationToken cancellationToken = default);
}
