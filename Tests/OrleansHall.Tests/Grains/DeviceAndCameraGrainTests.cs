using OrleansHall.Camera;
using OrleansHall.Common;
using OrleansHall.Device;
using OrleansHall.Hall;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class DeviceAndCameraGrainTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task A_device_that_stops_sending_heartbeats_is_shown_offline_and_raises_an_alert()
    {
        var hallId = await fixture.OpenHallAsync();
        var kiosk = Client.GetDevice(hallId, "kiosk-1");
        await kiosk.RegisterAsync(DeviceKind.Kiosk);
        await kiosk.HeartbeatAsync();
        Assert.True((await kiosk.GetStatusAsync()).Online);

        fixture.Clock.Advance(IDeviceGrain.OfflineAfter + TimeSpan.FromSeconds(1));

        var snapshot = await ClusterFixture.EventuallyAsync(
            () => Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync(),
            s => s.DevicesOffline == 1 && s.Alerts.Any(a => a.Kind == "device-offline"),
            "the kiosk reported offline");
        Assert.Contains("kiosk-1", snapshot.Alerts.Single(a => a.Kind == "device-offline").Message);

        await kiosk.HeartbeatAsync();
        Assert.True((await kiosk.GetStatusAsync()).Online);
    }

    [Fact]
    public async Task A_fault_stays_open_with_its_alert_until_repaired_and_its_time_to_repair_is_measured()
    {
        var hallId = await fixture.OpenHallAsync();
        var kiosk = Client.GetDevice(hallId, "kiosk-om");
        await kiosk.RegisterAsync(DeviceKind.Kiosk);
        var hall = Client.GetGrain<IHallGrain>(hallId);
        var start = fixture.Clock.GetUtcNow();

        await kiosk.ReportFaultAsync(new DeviceFault(Guid.NewGuid(), "PAPER-JAM", "paper jammed", start));
        var faulty = await ClusterFixture.EventuallyAsync(hall.GetSnapshotAsync, s => s.Alerts.Any(a => a.Kind == "device-faulty"), "the fault alert");
        fixture.Clock.Advance(TimeSpan.FromMinutes(12));
        await kiosk.HeartbeatAsync();
        await kiosk.ReportRepairAsync(new DeviceRepair(Guid.NewGuid(), "tech-1", fixture.Clock.GetUtcNow()));

        var status = await kiosk.GetStatusAsync();
        Assert.Contains("kiosk-om (PAPER-JAM: paper jammed)", faulty.Alerts.Single(a => a.Kind == "device-faulty").Message);
        Assert.Null(status.OpenFault);
        Assert.Equal((1, 1, 12.0), (status.FaultsToday, status.RepairsToday, status.MeanRepairMinutes!.Value));
        await ClusterFixture.EventuallyAsync(hall.GetSnapshotAsync, s => s.Alerts.All(a => a.Kind != "device-faulty"), "the fault alert resolved");
        Assert.Equal(1, await fixture.CountEventsAsync(hallId, "device-repaired"));
        var again = await Assert.ThrowsAsync<RejectedRequestException>(() => kiosk.ReportRepairAsync(new DeviceRepair(Guid.NewGuid(), "tech-1", fixture.Clock.GetUtcNow())));
        Assert.Contains("no open fault", again.Message);
    }

    [Fact]
    public async Task A_consumable_running_low_raises_its_alert_and_a_level_out_of_range_is_refused()
    {
        var hallId = await fixture.OpenHallAsync();
        var kiosk = Client.GetDevice(hallId, "kiosk-paper");
        await kiosk.RegisterAsync(DeviceKind.Kiosk);
        var hall = Client.GetGrain<IHallGrain>(hallId);

        await kiosk.ReportConsumableAsync(new ConsumableLevel(Guid.NewGuid(), "paper", 0.6, fixture.Clock.GetUtcNow()));
        await kiosk.ReportConsumableAsync(new ConsumableLevel(Guid.NewGuid(), "paper", 0.08, fixture.Clock.GetUtcNow()));
        var bad = await Assert.ThrowsAsync<RejectedRequestException>(
            () => kiosk.ReportConsumableAsync(new ConsumableLevel(Guid.NewGuid(), "paper", 1.5, fixture.Clock.GetUtcNow())));

        var low = await ClusterFixture.EventuallyAsync(hall.GetSnapshotAsync, s => s.Alerts.Any(a => a.Kind == "consumable-low"), "the consumables alert");
        Assert.Contains("kiosk-paper paper", low.Alerts.Single(a => a.Kind == "consumable-low").Message);
        Assert.Equal(["paper"], (await kiosk.GetStatusAsync()).LowConsumables);
        Assert.Contains("1.5", bad.Message);

        await kiosk.ReportConsumableAsync(new ConsumableLevel(Guid.NewGuid(), "paper", 1, fixture.Clock.GetUtcNow()));
        await ClusterFixture.EventuallyAsync(hall.GetSnapshotAsync, s => s.Alerts.All(a => a.Kind != "consumable-low"), "the consumables alert resolved once refilled");
    }

    [Fact]
    public async Task Kiosk_transactions_are_counted_once_each_and_logged()
    {
        var hallId = await fixture.OpenHallAsync();
        var kiosk = Client.GetDevice(hallId, "kiosk-2");
        await kiosk.RegisterAsync(DeviceKind.Kiosk);
        var usage = new DeviceUsage(Guid.NewGuid(), "bill-payment", true, fixture.Clock.GetUtcNow());

        await kiosk.RecordUsageAsync(usage);
        await kiosk.RecordUsageAsync(usage);
        await kiosk.RecordUsageAsync(usage with { EventId = Guid.NewGuid() });

        Assert.Equal(2, (await kiosk.GetStatusAsync()).UsesToday);
        Assert.Equal(2, await fixture.CountEventsAsync(hallId, "device-usage"));
        await ClusterFixture.EventuallyAsync(() => Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync(),
            s => s.KioskTransactionsToday == 2, "the hall to count 2 kiosk transactions");
    }

    [Fact]
    public async Task An_unregistered_device_is_named_in_the_error()
    {
        var hallId = await fixture.OpenHallAsync();

        var error = await Assert.ThrowsAsync<UnknownEntityException>(() => Client.GetDevice(hallId, "ghost").HeartbeatAsync());

        Assert.Contains($"{hallId}/ghost", error.Message);
    }

    [Fact]
    public async Task Only_an_infrared_sensor_may_count_people()
    {
        var hallId = await fixture.OpenHallAsync();
        var kiosk = Client.GetDevice(hallId, "kiosk-3");
        await kiosk.RegisterAsync(DeviceKind.Kiosk);

        var error = await Assert.ThrowsAsync<RejectedRequestException>(
            () => kiosk.RecordPassageAsync(new Passage(Guid.NewGuid(), 1, 0, fixture.Clock.GetUtcNow())));

        Assert.Contains("not an infrared sensor", error.Message);
        Assert.Equal(0, (await Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync()).Occupancy);
    }

    [Fact]
    public async Task Malformed_frames_are_rejected_with_a_reason_and_counted_while_real_photos_are_accepted()
    {
        var hallId = await fixture.OpenHallAsync();
        var camera = Client.GetCamera(hallId, "cam-door");
        await camera.ConfigureAsync(new CameraConfig("Door", [new CameraZone("entrance", 0, 0, 1, 0.5)]));
        var photo = await File.ReadAllBytesAsync(Repository.Media("sample1.jpg"));

        var good = await camera.SubmitFrameAsync(new CameraFrame(1, fixture.Clock.GetUtcNow(), photo));
        var text = await camera.SubmitFrameAsync(new CameraFrame(2, fixture.Clock.GetUtcNow(), "hello"u8.ToArray()));
        var truncated = await camera.SubmitFrameAsync(new CameraFrame(3, fixture.Clock.GetUtcNow(), photo[..(photo.Length / 2)]));
        var empty = await camera.SubmitFrameAsync(new CameraFrame(4, fixture.Clock.GetUtcNow(), []));

        Assert.True(good.Accepted);
        Assert.Contains("not a JPEG", text.RejectReason);
        Assert.Contains("truncated", truncated.RejectReason);
        Assert.Contains("empty", empty.RejectReason);
        var status = await camera.GetStatusAsync();
        Assert.Equal((1L, 3L), (status.FramesAccepted, status.FramesRejected));
        Assert.Equal((1920, true), (status.LastWidth, status.Online));
    }

    [Fact]
    public async Task A_camera_cannot_be_installed_in_an_unknown_hall_or_with_zones_outside_the_image()
    {
        var hallId = await fixture.OpenHallAsync();

        await Assert.ThrowsAsync<UnknownEntityException>(
            () => Client.GetGrain<ICameraGrain>("nowhere/cam").ConfigureAsync(new CameraConfig("x", [])));
        var zone = await Assert.ThrowsAsync<RejectedRequestException>(() => Client.GetCamera(hallId, "cam")
            .ConfigureAsync(new CameraConfig("x", [new CameraZone("waiting", 0.5, 0.5, 0.8, 0.2)])));

        Assert.Contains("waiting", zone.Message);
        await Assert.ThrowsAsync<UnknownEntityException>(() => Client.GetCamera(hallId, "cam").GetStatusAsync());
    }
}
