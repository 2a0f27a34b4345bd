using OrleansHall.Common;
using OrleansHall.Analytics.Demand;
using OrleansHall.Clients.Agents;
using OrleansHall.Clients.Media;
using OrleansHall.Camera;
using OrleansHall.Customer;
using OrleansHall.Region;

namespace OrleansHall.Clients.Simulation;

/// <summary>Runs a whole simulated region: opens it, then drives its halls, devices and cameras until stopped.</summary>
public sealed class RegionSimulator(RegionSimulatorOptions options, IGrainFactory grains, TextWriter output, TimeProvider time, Action<string> note)
{
    private static readonly TimeSpan HeartbeatInterval = OrleansHall.Device.IDeviceGrain.HeartbeatPeriod;

    public SimulationStats Stats { get; } = new();

    public async Task RunAsync(CancellationToken stopping)
    {
        var link = new DeviceLink(grains, time, note);
        var plans = HallPlan.Region(options.Halls);
        note($"opening region {options.RegionId} with {plans.Length} hall(s): {string.Join(", ", plans.Select(p => $"{p.HallId} {p.Name}"))}");
        var setup = new RegionSetup(grains, link, stopping);
        var customers = await Task.WhenAll(plans.Select((plan, i) => setup.OpenHallAsync(plan, options.RegionId, i)));
        await link.RetryTransientAsync(() => grains.GetGrain<IRegionDirectoryGrain>(0).AddRegionAsync(options.RegionId), "listing the region", stopping);

        using var acks = options.AckLogPath is null ? null : new AckLog(options.AckLogPath);
        using var readings = new ReadingPipeline(grains, options.OutboxCapacity, note, acks);
        if (options.OutboxFile is { } outboxFile)
        {
            readings.UseJournal(outboxFile);
        }

        var clock = new SimClock(options.Start, options.Speed, time);
        var seed = new SyncRandom(options.Seed);
        var halls = plans.Select((plan, i) => new HallSimulation(
            plan, grains, readings, clock, new SyncRandom(seed.Next(int.MaxValue)), customers[i], Stats, time, note)).ToList();

        var feeds = await StartCamerasAsync(plans, link, stopping);
        if (feeds.Count > 0)
        {
            await EnrolDemoFacesAsync(plans, customers, link, stopping);
        }
        note($"simulated clock starts {clock.LocalNow:ddd yyyy-MM-dd HH:mm} and runs x{options.Speed:0.##}"
            + (ArrivalProfile.IsOpen(clock.LocalNow) ? "" : $"; halls are closed until {ArrivalProfile.NextOpening(clock.LocalNow):ddd HH:mm} (simulated)"));

        // Not linked to stopping: delivery must outlive the halls to drain the outbox.
        using var background = new CancellationTokenSource();
        var deviceKeys = plans.SelectMany(p => p.DeviceIds.Select(d => Keys.Scoped(p.HallId, d))).ToList();
        var loops = new List<Task>
        {
            link.RunHeartbeatsAsync(deviceKeys, HeartbeatInterval, background.Token),
            readings.RunAsync(time, background.Token),
            StatusTicker.RunAsync(() => StatusLine(clock, readings, feeds), output, time, background.Token),
        };
        loops.AddRange(feeds.Select(f => f.RunAsync(background.Token)));

        try
        {
            await Task.WhenAll(halls.Select(h => h.RunAsync(stopping)));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            // Let readings already taken reach the cluster before leaving, within reason.
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await readings.WhenEmptyAsync(drain.Token);
            }
            catch (OperationCanceledException)
            {
                note($"stopping with {readings.Stats.Backlog} reading(s) still undelivered");
            }

            await background.CancelAsync();
            await Background.WhenStoppedAsync([.. loops]);
            output.WriteLine($"final: {StatusLine(clock, readings, feeds)}");
        }
    }

    private async Task<IReadOnlyList<CameraFeed>> StartCamerasAsync(IReadOnlyList<HallPlan> plans, DeviceLink link, CancellationToken stopping)
    {
        if (options.MediaDirectory is not { } media)
        {
            note("cameras off (--no-cameras)");
            return [];
        }

        var video = Path.Combine(media, "vtest.avi");
        var photos = Directory.Exists(media) && Directory.EnumerateFiles(media, "*.jpg").Any();
        if (!File.Exists(video) && !photos)
        {
            note($"no media in '{media}' (expected vtest.avi and sample*.jpg from deploy/fetch-media.sh): running without cameras");
            return [];
        }

        var feeds = new List<CameraFeed>();
        foreach (var plan in plans)
        {
            if (File.Exists(video))
            {
                feeds.Add(new CameraFeed(grains, plan.HallId, "cam-entrance", FrameSources.Open(video, options.CameraFps, loop: true), options.CameraFps, time, note));
            }

            if (photos)
            {
                feeds.Add(new CameraFeed(grains, plan.HallId, "cam-service", FrameSources.Open(media, options.CameraFps, loop: true), options.CameraFps, time, note));
            }
        }

        foreach (var feed in feeds)
        {
            var config = feed.Key.EndsWith("cam-entrance", StringComparison.Ordinal) ? EntranceCamera : ServiceCamera;
            await link.RetryTransientAsync(() => feed.EnsureConfiguredAsync(config.Name, force: true, config), $"configuring {feed.Key}", stopping);
        }

        note($"{feeds.Count} camera feed(s) at {options.CameraFps:0.##} fps from {media}");
        return feeds;
    }

    // The forecourt footage sees people cross a line near its right edge; it covers the top-left of the floor plan,
    // from the door (right) past the self-service kiosks to the waiting area (left), so its walkers draw movement lines.
    private static readonly CameraConfig EntranceCamera = new("entrance",
        [new CameraZone("waiting", 0, 0, 0.34, 1), new CameraZone("self-service", 0.34, 0, 0.33, 1), new CameraZone("entrance", 0.67, 0, 0.33, 1)],
        new EntryLine(0.78, 0, 0.78, 1), new FloorPlacement(0, 0, 0.5, 0.5));

    // The photo camera looks at the waiting area and the counters, the bottom half of the floor plan.
    private static readonly CameraConfig ServiceCamera = new("service area",
        [new CameraZone("waiting", 0, 0, 0.5, 1), new CameraZone("counters", 0.5, 0, 0.5, 1)], null, new FloorPlacement(0, 0.5, 1, 0.5));

    /// <summary>
    /// Each hall's first VIP consents and has the largest face of one sample photo enrolled, so the photo camera
    /// recognises them at the door; a hall whose customer was enrolled before keeps that enrolment.
    /// </summary>
    private async Task EnrolDemoFacesAsync(IReadOnlyList<HallPlan> plans, IReadOnlyList<string>[] customers, DeviceLink link, CancellationToken stopping)
    {
        if (options.MediaDirectory is not { } media)
        {
            return;
        }

        for (var i = 0; i < plans.Count; i++)
        {
            var photo = Path.Combine(media, $"sample{i % 6 + 1}.jpg");
            var vip = customers[i].FirstOrDefault(c => RegionSetup.Tags(int.Parse(c[^4..], System.Globalization.CultureInfo.InvariantCulture)).Contains(CustomerTags.Vip));
            if (!File.Exists(photo) || vip is null)
            {
                continue;
            }

            var customer = grains.GetGrain<ICustomerGrain>(vip);
            var staff = $"{plans[i].HallId}-guide";
            await link.RetryTransientAsync(() => customer.GrantBiometricConsentAsync(staff), $"recording consent of {vip}", stopping);
            var group = await File.ReadAllBytesAsync(photo, stopping);
            byte[]? bytes = null;
            await link.RetryTransientAsync(async () => bytes = await FacePhotos.CropLargestAsync(grains, group), $"finding a face in {Path.GetFileName(photo)}", stopping);
            if (bytes is null)
            {
                continue;
            }

            try
            {
                await link.RetryTransientAsync(() => customer.EnrolFaceAsync(bytes, staff), $"enrolling the face of {vip}", stopping);
                note($"VIP {vip} of {plans[i].HallId} consented; the largest face of {Path.GetFileName(photo)}, cut out alone, enrolled for recognition");
            }
            catch (RejectedRequestException refused)
            {
                // The sample photos show some people twice; the region's gallery holds each person once.
                note($"VIP {vip} of {plans[i].HallId} not enrolled from {Path.GetFileName(photo)}: {refused.Message}");
            }
        }
    }

    private string StatusLine(SimClock clock, ReadingPipeline readings, IReadOnlyList<CameraFeed> feeds)
    {
        var cameras = feeds.Count == 0 ? "" : $" | frames accepted {feeds.Sum(f => f.Accepted)} rejected {feeds.Sum(f => f.Rejected)}";
        return $"sim {clock.LocalNow:ddd HH:mm} | {Stats.Describe()} | {readings.StatusText()}{cameras}";
    }
}
