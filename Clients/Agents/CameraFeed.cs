using System.Collections.Immutable;
using OrleansHall.Camera;
using OrleansHall.Clients.Cluster;
using OrleansHall.Clients.Media;
using OrleansHall.Common;

namespace OrleansHall.Clients.Agents;

/// <summary>
/// Streams a frame source to one camera grain at a fixed rate. Frames are live data: one that cannot be
/// delivered while the cluster is unreachable is dropped and counted, not queued.
/// </summary>
public sealed class CameraFeed(IGrainFactory grains, string hallId, string cameraId, IFrameSource source, double fps, TimeProvider time, Action<string> note)
{
    private const int MaxRejectionLines = 20;
    private long _sequence;
    private long _accepted;
    private long _rejected;
    private long _undelivered;
    private int _rejectionLines;
    private bool _failing;

    public string Key { get; } = Keys.Scoped(hallId, cameraId);

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Rejected => Interlocked.Read(ref _rejected);

    public string StatusText() =>
        $"camera {Key}: sent {Interlocked.Read(ref _sequence)} accepted {Accepted} rejected {Rejected} undelivered {Interlocked.Read(ref _undelivered)}";

    /// <summary>Installs the camera with a whole-frame zone and a horizontal door line unless it is configured already.</summary>
    public async Task EnsureConfiguredAsync(string name, bool force, CameraConfig? config = null)
    {
        var camera = grains.GetGrain<ICameraGrain>(Key);
        if (!force)
        {
            try
            {
                var status = await camera.GetStatusAsync();
                if (!string.IsNullOrEmpty(status.Name))
                {
                    return;
                }
            }
            catch (Exception missing) when (missing is UnknownEntityException or RejectedRequestException)
            {
            }
        }

        config ??= new CameraConfig(name, ImmutableArray.Create(new CameraZone("view", 0, 0, 1, 1)), new EntryLine(0, 0.5, 1, 0.5));
        await camera.ConfigureAsync(config);
        note($"camera {Key} configured ('{name}': zones {string.Join(", ", config.Zones.Select(z => z.Zone))})");
    }

    /// <summary>Sends frames until the source ends or <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var camera = grains.GetGrain<ICameraGrain>(Key);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / fps), time);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            // Decoding can take a while; keep it off the caller's thread.
            var jpeg = await Task.Run(source.Next, stopping);
            if (jpeg is null)
            {
                return;
            }

            var frame = new CameraFrame(Interlocked.Increment(ref _sequence), time.GetUtcNow(), jpeg);
            try
            {
                var ack = await camera.SubmitFrameAsync(frame);
                if (_failing)
                {
                    note($"camera {Key}: cluster reachable again");
                    _failing = false;
                }

                if (ack.Accepted)
                {
                    Interlocked.Increment(ref _accepted);
                }
                else
                {
                    Interlocked.Increment(ref _rejected);
                    if (++_rejectionLines <= MaxRejectionLines)
                    {
                        // The grain's reason usually names the frame already.
                        note(ack.RejectReason?.StartsWith("Frame", StringComparison.Ordinal) == true
                            ? $"camera {Key}: {ack.RejectReason}"
                            : $"camera {Key}: frame {frame.Sequence} rejected: {ack.RejectReason ?? "no reason given"}");
                    }
                }
            }
            catch (Exception refused) when (refused is RejectedRequestException or UnknownEntityException)
            {
                Interlocked.Increment(ref _rejected);
                if (++_rejectionLines <= MaxRejectionLines)
                {
                    note($"camera {Key}: frame {frame.Sequence} refused: {refused.Message}");
                }
            }
            catch (Exception error) when (TransientFailures.IsTransient(error))
            {
                Interlocked.Increment(ref _undelivered);
                if (!_failing)
                {
                    note($"camera {Key}: cluster unreachable ({error.GetType().Name}); dropping frames until it is back");
                    _failing = true;
                }
            }
        }
    }
}
