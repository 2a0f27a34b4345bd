namespace OrleansHall.Device;

/// <summary>A device says how full one of its consumables is: <see cref="Level"/> 1 full, 0 empty.</summary>
[GenerateSerializer, Immutable]
public sealed record ConsumableLevel(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string Item,
    [property: Id(2)] double Level,
    [property: Id(3)] DateTimeOffset At)
{
    /// <summary>Below this a consumable is low and the hall's consumables rule counts it.</summary>
    public const double Low = 0.15;
}
