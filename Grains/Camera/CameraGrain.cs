using OrleansHall.Grains.Faults;
using OrleansHall.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using OrleansHall.Camera;
using OrleansHall.Common;
using OrleansHall.Customer;
using OrleansHall.Gallery;
using OrleansHall.Staff;
using OrleansHall.Grains.Hall;
using OrleansHall.Grains.Vision;
using OrleansHall.Hall;
using OrleansHall.Vision.People;

namespace OrleansHall.Grains.Camera;

/// <summary>
/// A hall camera. Every frame is checked (size, JPEG structure, dimensions) and counted. Accepted frames are
/// analysed one at a time: people are tracked here (the background model belongs to this camera), faces go to
/// the silo's vision pool at most <see cref="FaceAnalysesPerSecond"/> times a second. While a frame is being
/// analysed, at most one newer frame waits; an older waiting frame is dropped and counted, so a slow pool never
/// builds a queue. Counters go to the hall every few seconds, not per frame.
/// </summary>
public sealed class CameraGrain(
    [PersistentState("camera", StorageNames.Grains)] IPersistentState<CameraState> state,
    VisionWorkers workers,
    [FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock,
    FaultReporter reporter,
    ILogger<CameraGrain> logger) : Grain, ICameraGrain
{
    public const double FaceAnalysesPerSecond = 1;

    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(15);

    private readonly FrameRate _fps = new();
    // Ownership: _vision is touched on the grain's turns, except while _visionBusy, when one worker thread is inside
    // it (people tracking); then the timer leaves it alone and a reconfiguration only retires it, to be disposed by
    // the analysis loop once the worker is out. Nothing disposes a CameraVision a worker may still be using.
    private CameraVision? _vision;
    private CameraVision? _retired;
    private bool _visionBusy;
    private CameraFrame? _waiting;
    private bool _analysing;
    private Task _analysis = Task.CompletedTask;
    private DateTimeOffset _lastFaceAnalysis = DateTimeOffset.MinValue;
    private string? _regionId;
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
        this.RegisterGrainTimer(ReportAsync, ReportEvery, ReportEvery);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _waiting = null;
        try
        {
            // The frame being analysed finishes first, so nothing below disposes what a worker still uses.
            await _analysis.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await ReportAsync(cancellationToken);
        Retire();
    }

    public async Task ConfigureAsync(CameraConfig config)
    {
        Validate(config);
        if (!await Hall.ExistsAsync())
        {
            throw new UnknownEntityException("hall", Key.HallId);
        }

        await state.SaveAsync(state.State with { Config = config }, this);
        _dirty = false;
        Retire();
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
            return Task.FromResult(new FrameAck(false, $"Frame {frame.Sequence} rejected: {reason}."));
        }

        var now = clock.GetUtcNow();
        _fps.Add(now);
        _lastFrameAt = now;
        (_lastWidth, _lastHeight) = (width, height);
        state.State = today with { FramesAccepted = today.FramesAccepted + 1 };
        if (_waiting is not null)
        {
            state.State = state.State with { FramesDropped = state.State.FramesDropped + 1 };
        }

        _waiting = frame;
        if (!_analysing)
        {
            _analysing = true;
            _analysis = AnalyseWaitingFramesAsync();
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

    /// <summary>Runs on the grain's scheduler between calls; the CPU work inside goes to the vision workers.</summary>
    private async Task AnalyseWaitingFramesAsync()
    {
        try
        {
            while (_waiting is { } frame)
            {
                _waiting = null;
                try
                {
                    await AnalyseAsync(frame);
                }
                catch (Exception ex) when (ex is ArgumentException or OpenCVException or RejectedRequestException)
                {
                    // The frame passed the cheap checks but did not decode: count it as rejected, keep going.
                    state.State = state.State with { FramesRejected = state.State.FramesRejected + 1, LastRejectReason = ex.Message };
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Camera {Camera} could not analyse frame {Sequence}", this.GetPrimaryKeyString(), frame.Sequence);
                }
            }
        }
        finally
        {
            _analysing = false;
            _retired?.Dispose();
            _retired = null;
        }
    }

    private async Task AnalyseAsync(CameraFrame frame)
    {
        var vision = _vision ??= new CameraVision(RequireConfig(), workers.Person);
        // Dwell is measured between capture times; a camera whose clock is far off falls back to ours.
        var now = clock.GetUtcNow();
        var at = (frame.CapturedAt - now).Duration() < TimeSpan.FromDays(1) ? frame.CapturedAt : now;
        // Faces first: a recognised VIP's card should not wait for the people count.
        FaceFrame? faces = null;
        if ((at - _lastFaceAnalysis).TotalSeconds >= 1 / FaceAnalysesPerSecond)
        {
            _lastFaceAnalysis = at;
            faces = await GrainFactory.GetGrain<IVisionPool>(0).AnalyzeFacesAsync(frame.Jpeg);
            var visitors = await CountVisitorsAsync(vision, faces, at);
            var today = Today();
            state.State = today with { FacesToday = today.FacesToday + visitors };
        }

        JpegProbe.Check(frame.Jpeg, out var width, out var height);
        using var image = await workers.RunAsync(() => AnalysisFrame.Decode(frame.Jpeg, width, height));
        if (image.Empty())
        {
            throw new ArgumentException($"Frame {frame.Sequence} passed the JPEG checks but could not be decoded.");
        }

        _visionBusy = true;
        FlowUpdate people;
        try
        {
            people = await workers.RunAsync(() => vision.AddPeople(image, at), VisionStage.People);
        }
        finally
        {
            _visionBusy = false;
        }

        _latestAnnotated = await workers.RunAsync(() => CameraVision.Annotate(image, people, faces));
        state.State = state.State with { FramesAnalysed = state.State.FramesAnalysed + 1 };
        _lastAnalysed = frame.Sequence;
        _dirty = true;
    }

    /// <summary>
    /// Asks the hall's visitor ledger which faces are new visitors, looks up in the region's gallery of consenting
    /// people those it says to, and counts the new visitors; returns how many. A gallery match that starts a visit
    /// becomes a visit of the customer and, for a VIP, a push to the staff on duty; a face without a match is only
    /// ever a count, and its template stays in memory.
    /// </summary>
    private async Task<int> CountVisitorsAsync(CameraVision vision, FaceFrame faces, DateTimeOffset at)
    {
        if (faces.Faces.Length == 0)
        {
            return 0;
        }

        var ledger = GrainFactory.GetGrain<IVisitorLedgerGrain>(Key.HallId);
        var sightings = await ledger.ObserveAsync([.. faces.Faces.Select(f => f.Template)], at);
        var counted = new List<SeenFace>();
        for (var i = 0; i < faces.Faces.Length; i++)
        {
            var (face, sighting) = (faces.Faces[i], sightings[i]);
            var newVisitor = sighting.NewVisitor;
            if (sighting.Identify && await IdentifyAsync(face) is { } hit)
            {
                vision.AddRecognition(new Recognition(hit.PersonId, Math.Round(hit.Similarity, 3), Key.CameraId, at));
                if (await ledger.IdentifiedAsync(sighting.VisitorId, hit.PersonId, at))
                {
                    await StartVisitAsync(hit.PersonId, at);
                }
                else
                {
                    // Already here under another face the ledger did not match: the same visitor, counted once.
                    newVisitor = false;
                }
            }

            if (newVisitor)
            {
                counted.Add(face);
            }
        }

        vision.CountVisitors(counted);
        return counted.Count;
    }

    private async Task<GalleryHit?> IdentifyAsync(SeenFace face)
    {
        _regionId ??= (await Hall.GetConfigAsync()).RegionId;
        return await GrainFactory.GetGrain<IFaceGalleryGrain>(_regionId).IdentifyAsync(face.Template, this.GetPrimaryKeyString());
    }

    /// <summary>
    /// A recognised customer's visit begins (the hall's visitor ledger says so once per visit): it is recorded, and for
    /// a VIP or a customer with special needs the staff on duty get a strategy card.
    /// </summary>
    private async Task StartVisitAsync(string personId, DateTimeOffset at)
    {
        var customer = GrainFactory.GetGrain<ICustomerGrain>(personId);
        if (!await customer.ExistsAsync())
        {
            return;
        }

        var profile = await customer.GetProfileAsync();
        if (!profile.IsVip && !profile.HasSpecialNeeds)
        {
            await customer.RecordVisitAsync(new Visit(Key.HallId, at, $"recognised by camera {Key.CameraId}", VisitKind.Recognition));
            return;
        }

        // The card first (it shows the visits before this one), then the visit is recorded.
        var (visits, appointments, snapshot) = (customer.GetVisitsAsync(), customer.GetAppointmentsAsync(), Hall.GetSnapshotAsync());
        var manager = Grains.Customer.StrategyCards.OpenAppointment(await appointments, Key.HallId, at)?.AccountManagerId;
        var managerName = manager is null ? null : (await GrainFactory.GetGrain<IStaffGrain>(manager).GetProfileAsync()).Name;
        var card = Grains.Customer.StrategyCards.For(profile, await visits, await appointments, Key.HallId, Key.CameraId, at, _ => managerName);
        var push = new StaffPush("strategy-card", $"{card.Name} ({string.Join(", ", card.Tags)}) seen by camera {state.State.Config?.Name}: {card.ActionText}",
            Key.HallId, at, CustomerId: profile.CustomerId, Card: card);
        // The account manager of an open appointment first (on duty or not: the customer came to see them): their push
        // is kept and sent before anyone else's starts. Then the floor.
        var onDuty = (await snapshot).StaffOnDuty;
        if (manager is not null)
        {
            try
            {
                await GrainFactory.GetGrain<IStaffGrain>(manager).DeliverAsync(push);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The floor is told regardless.
                logger.LogWarning(ex, "Camera {Camera} could not give account manager {Manager} the card of {Customer}", this.GetPrimaryKeyString(), manager, profile.CustomerId);
            }
        }

        foreach (var staffId in onDuty.Where(s => s != manager))
        {
            await GrainFactory.GetGrain<IStaffGrain>(staffId).PushAsync(push);
        }

        await Hall.CardSentAsync(card);
        await customer.RecordVisitAsync(new Visit(Key.HallId, at, $"recognised by camera {Key.CameraId}", VisitKind.Recognition));
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        if (state.State.Config is null)
        {
            return;
        }

        if (_vision is { HasNews: true } vision && !_visionBusy)
        {
            var report = vision.TakeReport(Key.CameraId, clock.GetUtcNow());
            var today = Today();
            state.State = today with { EntriesToday = today.EntriesToday + report.Entries, ExitsToday = today.ExitsToday + report.Exits };
            await Hall.RecordVisionAsync(report);
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
        await Hall.CameraChangedAsync(status);
    }

    /// <summary>Drops the current vision state (new configuration, deactivation); disposed now, or after the running analysis.</summary>
    private void Retire()
    {
        if (_vision is null)
        {
            return;
        }

        if (_analysing)
        {
            _retired?.Dispose();
            _retired = _vision;
        }
        else
        {
            _vision.Dispose();
        }

        _vision = null;
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
            s.FramesAnalysed, online ? _vision?.PeopleInView ?? 0 : 0, s.EntriesToday, s.ExitsToday, s.FacesToday, _lastAnalysed);
    }

    private CameraState Today()
    {
        var day = FlowCounter.LocalDay(clock.GetUtcNow(), clock.LocalTimeZone);
        return state.State.Day == day ? state.State : state.State with { Day = day, EntriesToday = 0, ExitsToday = 0, FacesToday = 0 };
    }

    private CameraConfig RequireConfig()
        => state.State.Config ?? throw new UnknownEntityException("camera", this.GetPrimaryKeyString());

    private void Validate(CameraConfig config)
    {
        Keys.Validate(Key.CameraId, "camera id");
        if (string.IsNullOrWhiteSpace(config.Name))
        {
            throw new RejectedRequestException("A camera needs a name.");
        }

        foreach (var zone in config.Zones.IsDefault ? [] : config.Zones)
        {
            Keys.Validate(zone.Zone, "zone");
            RequireUnitRectangle($"Zone '{zone.Zone}'", zone.X, zone.Y, zone.Width, zone.Height);
        }

        if (config.EntryLine is { } line && new[] { line.Ax, line.Ay, line.Bx, line.By }.Any(v => v is < 0 or > 1 || double.IsNaN(v)))
        {
            throw new RejectedRequestException("The entry line's end points must lie inside the image, in coordinates 0..1.");
        }

        if (config.Floor is { } floor)
        {
            RequireUnitRectangle("The floor placement", floor.X, floor.Y, floor.Width, floor.Height);
        }
    }

    private static void RequireUnitRectangle(string what, double x, double y, double width, double height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > 1 || y + height > 1)
        {
            throw new RejectedRequestException($"{what} must lie inside the image in coordinates 0..1.");
        }
    }
}
