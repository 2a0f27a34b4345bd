using Microsoft.Extensions.DependencyInjection;
using OrleansHall.Camera;
using OrleansHall.Common;
using OrleansHall.Hall;

namespace OrleansHall.Grains.Camera;

/// <summary>
/// A hall camera. Every frame is checked (size, JPEG structure, dimensions) and counted. Accepted frames are
/// not analysed yet: the vision pool arrives with the vision work, so for now they are counted and dropped here.
/// Counters are saved and reported to the hall every few seconds, not per frame.
/// </summary>
public sealed class CameraGrain(
    [PersistentState("camera", StorageNames.Grains)] IPersistentState<CameraState> state,
    [FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock) : Grain, ICameraGrain
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(15);

    private readonly FrameRate _fps = new();
    private DateTimeOffset? _lastFrameAt;
    private int _lastWidth;
    private int _lastHeight;
    private bool _dirty;
    private bool? _reportedOnline;

    private (string HallId, string CameraId) Key => Keys.Split(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(ReportAsync, ReportEvery, ReportEvery);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public async Task ConfigureAsync(CameraConfig config)
    {
        var (hallId, cameraId) = Key;
        Keys.Validate(cameraId, "camera id");
        if (string.IsNullOrWhiteSpace(config.Name))
        {
            throw new RejectedRequestException("A camera needs a name.");
        }

        foreach (var zone in config.Zones.IsDefault ? [] : config.Zones)
        {
            Keys.Validate(zone.Zone, "zone");
            if (zone.X < 0 || zone.Y < 0 || zone.Width <= 0 || zone.Height <= 0 || zone.X + zone.Width > 1 || zone.Y + zone.Height > 1)
            {
                throw new RejectedRequestException($"Zone '{zone.Zone}' must lie inside the image in coordinates 0..1.");
            }
        }

        if (!await GrainFactory.GetGrain<IHallGrain>(hallId).ExistsAsync())
        {
            throw new UnknownEntityException("hall", hallId);
        }

        state.State = state.State with { Config = config };
        await state.WriteStateAsync();
        _dirty = false;
        await GrainFactory.GetGrain<IHallGrain>(hallId).CameraChangedAsync(Status());
    }

    public Task<FrameAck> SubmitFrameAsync(CameraFrame frame)
    {
        RequireConfig();
        var reason = JpegProbe.Check(frame.Jpeg ?? [], out var width, out var height);
        _dirty = true;
        if (reason is not null)
        {
            state.State = state.State with { FramesRejected = state.State.FramesRejected + 1, LastRejectReason = reason };
            return Task.FromResult(new FrameAck(false, $"Frame {frame.Sequence} rejected: {reason}."));
        }

        var now = clock.GetUtcNow();
        _fps.Add(now);
        _lastFrameAt = now;
        (_lastWidth, _lastHeight) = (width, height);
        state.State = state.State with { FramesAccepted = state.State.FramesAccepted + 1 };
        return Task.FromResult(new FrameAck(true));
    }

    public Task<CameraStatus> GetStatusAsync()
    {
        RequireConfig();
        return Task.FromResult(Status());
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        if (state.State.Config is null)
        {
            return;
        }

        var status = Status();
        if (!_dirty && status.Online == _reportedOnline)
        {
            return;
        }

        if (_dirty)
        {
            await state.WriteStateAsync(cancellationToken);
            _dirty = false;
        }

        _reportedOnline = status.Online;
        await GrainFactory.GetGrain<IHallGrain>(Key.HallId).CameraChangedAsync(status);
    }

    private CameraStatus Status()
    {
        var now = clock.GetUtcNow();
        var online = _lastFrameAt is { } last && now - last <= OfflineAfter;
        return new CameraStatus(Key.CameraId, Key.HallId, state.State.Config?.Name ?? Key.CameraId, online,
            online ? Math.Round(_fps.PerSecond(now), 1) : 0,
            state.State.FramesAccepted, state.State.FramesRejected, state.State.FramesDropped, state.State.LastRejectReason,
            _lastFrameAt, _lastWidth, _lastHeight);
    }

    private CameraConfig RequireConfig()
        => state.State.Config ?? throw new UnknownEntityException("camera", this.GetPrimaryKeyString());
}
