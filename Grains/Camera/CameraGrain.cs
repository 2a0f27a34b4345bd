using OrleansHall.Grains.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using OrleansHall.Camera;
using OrleansHall.Common;
using OrleansHall.Grains.Common;
using OrleansHall.Grains.Customer;
using OrleansHall.Grains.Faults;
using OrleansHall.Grains.Vision;
using OrleansHall.Hall;

namespace OrleansHall.Grains.Camera;

/// <summary>
/// A hall camera. Every frame is checked (size, JPEG structure, dimensions) and counted; accepted frames go to the
/// camera's <see cref="FrameAnalysisLoop"/>, newest first. Each analysis looks for faces at most
/// <see cref="FaceAnalysesPerSecond"/> times a second (in the silo's vision pool; <see cref="VisitorIdentification"/>
/// tells new visitors and recognised customers apart), then tracks people here, since the background model belongs to
/// this camera. Counters go to the hall every few seconds, not per frame.
/// </summary>
public sealed class CameraGrain(
    [PersistentState("camera", StorageNames.Grains)] IPersistentState<CameraState> state,
    VisionWorkers workers,
    [FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock,
    FaultReporter reporter,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    ILogger<CameraGrain> logger) : Grain, ICameraGrain
{
    public const double FaceAnalysesPerSecond = 1;

    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(15);

    private readonly FrameRate _fps = new();
    private FrameAnalysisLoop _loop = null!;
    private VisitorIdentification _visitors = null!;
    private DateTimeOffset _lastFaceAnalysis = DateTimeOffset.MinValue;
    private byte[]? _latestAnnotated;
    private DateTimeOffset? _lastFrameAt;
    private long? _lastAnalysed;
    private int _lastWidth;
    private int _lastHeight;
    private bool _dirty;
    private bool? _reportedOnline;

    private (string HallId, string CameraId) Key => Keys.Split(this.GetPrimaryKeyString());

    private IHallGrain Hall => GrainFactory.GetGrain<IHallGrain>(Key.HallId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (hallId, cameraId) = Key;
        _loop = new FrameAnalysisLoop(() => new CameraVision(RequireConfig(), workers.Person), AnalyseAsync, AnalysisFailed);
        _visitors = new VisitorIdentification(GrainFactory, hallId, cameraId, new RecognisedVisits(GrainFactory, hallId, logger));
        this.RegisterGrainTimer(ct => ReportAsync(ct), ReportEvery, ReportEvery);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The frame being analysed finishes first, so its counts are in the last report. When the last silo stops there is
        // nowhere to place the hall: the camera keeps its counts in its own state instead of failing to tell the hall.
        await _loop.DrainAsync(cancellationToken);
        var hallReachable = reason.ReasonCode != DeactivationReasonCode.ShuttingDown
            || membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(silo.SiloAddress));
        await ReportAsync(cancellationToken, tellHall: hallReachable);
        _loop.Retire();
    }

    public async Task ConfigureAsync(CameraConfig config)
    {
        CameraConfigRules.Validate(Key.CameraId, config);
        if (!await Hall.ExistsAsync())
        {
            throw new UnknownEntityException("hall", Key.HallId);
        }

        await state.SaveAsync(state.State with { Config = config }, this);
        _dirty = false;
        _loop.Retire();
        await Hall.CameraChangedAsync(Status());
    }

    public Task<FrameAck> SubmitFrameAsync(CameraFrame frame)
    {
        RequireConfig();
        var reason = JpegProbe.Check(frame.Jpeg ?? [], out var width, out var height);
        _dirty = true;
        var today = Today();
        if (reason is not null)
        {
            state.State = today with { FramesRejected = today.FramesRejected + 1, LastRejectReason = reason };
            Telemetry.Count(Telemetry.Frames, "outcome", "rejected");
            return Task.FromResult(new FrameAck(false, $"Frame {frame.Sequence} rejected: {reason}."));
        }

        var now = clock.GetUtcNow();
        _fps.Add(now);
        _lastFrameAt = now;
        (_lastWidth, _lastHeight) = (width, height);
        state.State = today with { FramesAccepted = today.FramesAccepted + 1 };
        Telemetry.Count(Telemetry.Frames, "outcome", "accepted");
        if (_loop.Offer(frame))
        {
            state.State = state.State with { FramesDropped = state.State.FramesDropped + 1 };
            Telemetry.Count(Telemetry.Frames, "outcome", "dropped");
        }

        return Task.FromResult(new FrameAck(true));
    }

    public Task<CameraStatus> GetStatusAsync()
    {
        RequireConfig();
        return Task.FromResult(Status());
    }

    public Task<byte[]?> GetLatestAnnotatedFrameAsync()
    {
        RequireConfig();
        return Task.FromResult(_latestAnnotated);
    }

    /// <summary>One frame, on the grain's turn; the CPU work inside goes to the vision workers.</summary>
    private async Task AnalyseAsync(CameraFrame frame, CameraVision vision)
    {
        // Dwell is measured between capture times; a camera whose clock is far off falls back to ours.
        var now = clock.GetUtcNow();
        var at = (frame.CapturedAt - now).Duration() < TimeSpan.FromDays(1) ? frame.CapturedAt : now;
        // Faces first: a recognised VIP's card should not wait for the people count.
        FaceFrame? faces = null;
        if ((at - _lastFaceAnalysis).TotalSeconds >= 1 / FaceAnalysesPerSecond)
        {
            _lastFaceAnalysis = at;
            faces = await GrainFactory.GetGrain<IVisionPool>(0).AnalyzeFacesAsync(frame.Jpeg);
            var visitors = await _visitors.CountVisitorsAsync(vision, faces, at, RequireConfig().Name);
            var today = Today();
            state.State = today with { FacesToday = today.FacesToday + visitors };
        }

        JpegProbe.Check(frame.Jpeg, out var width, out var height);
        using var image = await workers.RunAsync(() => AnalysisFrame.Decode(frame.Jpeg, width, height));
        if (image.Empty())
        {
            throw new ArgumentException($"Frame {frame.Sequence} passed the JPEG checks but could not be decoded.");
        }

        var people = await _loop.OnWorkerAsync(vision, v => workers.RunAsync(() => v.AddPeople(image, at), VisionStage.People));
        _latestAnnotated = await workers.RunAsync(() => CameraVision.Annotate(image, people, faces));
        state.State = state.State with { FramesAnalysed = state.State.FramesAnalysed + 1 };
        _lastAnalysed = frame.Sequence;
        _dirty = true;
    }

    private void AnalysisFailed(CameraFrame frame, Exception error)
    {
        if (error is ArgumentException or OpenCVException or RejectedRequestException)
        {
            // The frame passed the cheap checks but did not decode: count it as rejected, keep going.
            state.State = state.State with { FramesRejected = state.State.FramesRejected + 1, LastRejectReason = error.Message };
        }
        else
        {
            logger.LogWarning(error, "Camera {Camera} could not analyse frame {Sequence}", this.GetPrimaryKeyString(), frame.Sequence);
        }
    }

    private async Task ReportAsync(CancellationToken cancellationToken, bool tellHall = true)
    {
        if (state.State.Config is null)
        {
            return;
        }

        if (_loop.Idle is { HasNews: true } vision)
        {
            var report = vision.TakeReport(Key.CameraId, clock.GetUtcNow());
            var today = Today();
            state.State = today with { EntriesToday = today.EntriesToday + report.Entries, ExitsToday = today.ExitsToday + report.Exits };
            if (tellHall)
            {
                await Hall.RecordVisionAsync(report);
            }

            _dirty = true;
        }

        var status = Status();
        if (!_dirty && status.Online == _reportedOnline)
        {
            return;
        }

        if (_dirty)
        {
            try
            {
                await state.WriteStateAsync(cancellationToken);
                _dirty = false;
            }
            catch (Exception error) when (StorageFaults.IsInfrastructure(error))
            {
                // Door counts stay in memory and are saved on a later tick once storage is back.
                reporter.Failed($"camera {this.GetPrimaryKeyString()} report", error);
            }
        }

        _reportedOnline = status.Online;
        if (tellHall)
        {
            await Hall.CameraChangedAsync(status);
        }
    }

    private CameraStatus Status()
    {
        var now = clock.GetUtcNow();
        var online = _lastFrameAt is { } last && now - last <= OfflineAfter;
        var s = Today();
        return new CameraStatus(Key.CameraId, Key.HallId, s.Config?.Name ?? Key.CameraId, online,
            online ? Math.Round(_fps.PerSecond(now), 1) : 0,
            s.FramesAccepted, s.FramesRejected, s.FramesDropped, s.LastRejectReason,
            _lastFrameAt, _lastWidth, _lastHeight,
            s.FramesAnalysed, online ? _loop.PeopleInView : 0, s.EntriesToday, s.ExitsToday, s.FacesToday, _lastAnalysed);
    }

    private CameraState Today()
    {
        var day = LocalDay.Today(clock);
        return state.State.Day == day ? state.State : state.State with { Day = day, EntriesToday = 0, ExitsToday = 0, FacesToday = 0 };
    }

    private CameraConfig RequireConfig()
        => state.State.Config ?? throw new UnknownEntityException("camera", this.GetPrimaryKeyString());
}
