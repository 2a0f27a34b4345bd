namespace OrleansHall.Alerts;

/// <summary>The rules a hall's alert book knows.</summary>
public static class AlertKinds
{
    public const string Crowded = "crowded";
    public const string LongQueue = "long-queue";
    public const string LongWait = "long-wait";
    public const string VipWaiting = "vip-waiting";
    public const string DeviceOffline = "device-offline";
    public const string DeviceFaulty = "device-faulty";
    public const string ConsumableLow = "consumable-low";
    public const string CounterUnstaffed = "counter-unstaffed";
    public const string Lingering = "lingering";

    /// <summary>The zone the lingering rule watches: customers stuck at the self-service kiosks need a guide.</summary>
    public const string SelfServiceZone = "self-service";
    public const string FlowAboveForecast = "flow-above-forecast";

    public static IReadOnlyList<string> All { get; } = [Crowded, LongQueue, LongWait, VipWaiting, DeviceOffline, DeviceFaulty, ConsumableLow, CounterUnstaffed, Lingering, FlowAboveForecast];
}
