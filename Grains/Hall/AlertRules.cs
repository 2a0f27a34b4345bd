using System.Collections.Immutable;
using OrleansHall.Device;
using OrleansHall.Hall;
using OrleansHall.Queue;

namespace OrleansHall.Grains.Hall;

/// <summary>
/// Decides which alerts a hall is in. An alert is raised when its measure goes over the threshold and resolved
/// only when it falls below <see cref="ResolveFraction"/> of it, so a value hovering at the line does not flap.
/// </summary>
public static class AlertRules
{
    public const string Crowded = "crowded";
    public const string LongQueue = "long-queue";
    public const string LongWait = "long-wait";
    public const string DeviceOffline = "device-offline";

    public const double ResolveFraction = 0.8;

    public static ImmutableArray<HallAlert> Evaluate(
        HallConfig config,
        int occupancy,
        QueueSummary queue,
        IEnumerable<DeviceStatus> devices,
        ImmutableArray<HallAlert> current,
        DateTimeOffset now)
    {
        var active = current.IsDefault ? ImmutableArray<HallAlert>.Empty : current;
        var result = ImmutableArray.CreateBuilder<HallAlert>();

        Check(Crowded, occupancy, config.Capacity, $"Occupancy {occupancy} is over the capacity of {config.Capacity}.");
        Check(LongQueue, queue.Waiting, config.QueueAlertLength, $"{queue.Waiting} tickets waiting (limit {config.QueueAlertLength}).");
        Check(LongWait, queue.LongestWaitMinutes, config.WaitAlertMinutes, $"Longest wait {queue.LongestWaitMinutes:F0} min (limit {config.WaitAlertMinutes:F0} min).");

        var offline = devices.Where(d => !d.Online).Select(d => d.DeviceId).Order().ToList();
        if (offline.Count > 0)
        {
            Keep(DeviceOffline, $"Offline: {string.Join(", ", offline)}.");
        }

        return result.ToImmutable();

        void Check(string kind, double value, double threshold, string message)
        {
            var wasActive = active.Any(a => a.Kind == kind);
            if (threshold > 0 && (value > threshold || (wasActive && value >= threshold * ResolveFraction)))
            {
                Keep(kind, message);
            }
        }

        void Keep(string kind, string message)
        {
            var since = active.FirstOrDefault(a => a.Kind == kind)?.Since ?? now;
            result.Add(new HallAlert(kind, message, since));
        }
    }
}
