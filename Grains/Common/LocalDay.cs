namespace OrleansHall.Grains.Common;

/// <summary>
/// The hall's local calendar day, which every daily counter (flow, queue numbering, device uses, camera counts) rolls
/// over on. One rule for every grain: the day of the instant in the silo clock's time zone.
/// </summary>
public static class LocalDay
{
    public static DateOnly Of(DateTimeOffset at, TimeZoneInfo zone)
        => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>Today, by the clock's own time and time zone.</summary>
    public static DateOnly Today(TimeProvider clock) => Of(clock.GetUtcNow(), clock.LocalTimeZone);
}
