using OrleansHall.Common;
using OrleansHall.Clients.Cluster;
using OrleansHall.Clients.Delivery;
using OrleansHall.Device;

namespace OrleansHall.Clients.Agents;

/// <summary>Installs devices in their halls and keeps them alive with heartbeats, riding out cluster outages.</summary>
public sealed class DeviceLink(IGrainFactory grains, TimeProvider time, Action<string> note)
{
    private bool _heartbeatFailing;

    public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(10);

    /// <summary>Registers the device, retrying while the cluster is unreachable; an unknown hall is final.</summary>
    public async Task RegisterAsync(string hallId, string deviceId, DeviceKind kind, CancellationToken stopping)
    {
        var device = grains.GetDevice(hallId, deviceId);
        await RetryTransientAsync(() => device.RegisterAsync(kind), $"registering {kind} {hallId}/{deviceId}", stopping);
    }

    /// <summary>Runs <paramref name="call"/> until it succeeds or fails for a reason other than an unreachable cluster.</summary>
    public async Task RetryTransientAsync(Func<Task> call, string what, CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception error) when (TransientFailures.IsTransient(error) && !stopping.IsCancellationRequested)
            {
                var delay = Backoff.Default.Delay(attempt);
                if (attempt == 1 || attempt % 10 == 0)
                {
                    note($"{what}: cluster unreachable ({error.GetType().Name}); retrying");
                }

                await Task.Delay(delay, time, stopping);
            }
        }
    }

    /// <summary>Sends a heartbeat for each device every <paramref name="interval"/> until stopped.</summary>
    public async Task RunHeartbeatsAsync(IReadOnlyList<string> deviceKeys, TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            await BeatOnceAsync(deviceKeys);
        }
        while (await timer.WaitForNextTickAsync(stopping));
    }

    private async Task BeatOnceAsync(IReadOnlyList<string> deviceKeys)
    {
        try
        {
            await Task.WhenAll(deviceKeys.Select(key => grains.GetGrain<IDeviceGrain>(key).HeartbeatAsync()));
            if (_heartbeatFailing)
            {
                note("heartbeats delivered again");
                _heartbeatFailing = false;
            }
        }
        catch (Exception error) when (TransientFailures.IsTransient(error))
        {
            // A late heartbeat is worthless, so it is not kept; the next tick tries again.
            if (!_heartbeatFailing)
            {
                note($"heartbeat failed, cluster unreachable ({error.GetType().Name}); will keep trying");
                _heartbeatFailing = true;
            }
        }
    }
}
