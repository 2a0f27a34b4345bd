using OrleansHall.Common;
using OrleansHall.Device;
using OrleansHall.Hall;
using OrleansHall.Region;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class HallGrainTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Sensor_readings_move_occupancy_and_todays_flow()
    {
        var hallId = await fixture.OpenHallAsync();
        var sensor = await RegisterSensorAsync(hallId);
        var now = fixture.Clock.GetUtcNow();

        await sensor.RecordPassageAsync(new Passage(Guid.NewGuid(), 5, 0, now));
        await sensor.RecordPassageAsync(new Passage(Guid.NewGuid(), 2, 3, now));

        var snapshot = await Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync();
        Assert.Equal(4, snapshot.Occupancy);
        Assert.Equal(7, snapshot.EntriesToday);
        Assert.Equal(3, snapshot.ExitsToday);
        var flow = await Client.GetGrain<IHallGrain>(hallId).GetTodayFlowAsync();
        var bucket = Assert.Single(flow);
        Assert.Equal((7, 3), (bucket.Entries, bucket.Exits));
        Assert.Equal(2, await fixture.CountEventsAsync(hallId, "passage"));
    }

    [Fact]
    public async Task A_reading_sent_again_after_its_grains_were_deactivated_counts_once()
    {
        // What a device sees when the silo that took its reading went away before the answer arrived: it sends the
        // reading again, and the fresh activations must know it from what they stored, not from memory.
        var hallId = await fixture.OpenHallAsync();
        var sensor = await RegisterSensorAsync(hallId);
        var reading = new Passage(Guid.NewGuid(), 3, 0, fixture.Clock.GetUtcNow());

        await sensor.RecordPassageAsync(reading);
        await fixture.Cluster.DeactivateAsync(sensor);
        await fixture.Cluster.DeactivateAsync(Client.GetGrain<IHallGrain>(hallId));
        await sensor.RecordPassageAsync(reading);

        Assert.Equal(3, (await Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync()).Occupancy);
        Assert.Equal(1, await fixture.CountEventsAsync(hallId, "passage"));
    }

    [Fact]
    public async Task More_exits_than_people_inside_never_makes_occupancy_negative()
    {
        var hallId = await fixture.OpenHallAsync();
        var sensor = await RegisterSensorAsync(hallId);

        await sensor.RecordPassageAsync(new Passage(Guid.NewGuid(), 1, 4, fixture.Clock.GetUtcNow()));

        Assert.Equal(0, (await Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync()).Occupancy);
    }

    [Fact]
    public async Task A_malformed_reading_is_rejected_with_its_values_and_changes_nothing()
    {
        var hallId = await fixture.OpenHallAsync();
        var sensor = await RegisterSensorAsync(hallId);
        await sensor.RecordPassageAsync(new Passage(Guid.NewGuid(), 2, 0, fixture.Clock.GetUtcNow()));

        var error = await Assert.ThrowsAsync<RejectedRequestException>(
            () => sensor.RecordPassageAsync(new Passage(Guid.NewGuid(), -1, 0, fixture.Clock.GetUtcNow())));
        var future = await Assert.ThrowsAsync<RejectedRequestException>(
            () => sensor.RecordPassageAsync(new Passage(Guid.NewGuid(), 1, 0, fixture.Clock.GetUtcNow().AddHours(2))));

        Assert.Contains("entries=-1", error.Message);
        Assert.Contains("future", future.Message);
        Assert.Equal(2, (await Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync()).Occupancy);
        Assert.Equal(1, await fixture.CountEventsAsync(hallId, "passage"));
    }

    [Theory]
    [InlineData("audit:")]
    [InlineData("customer:")]
    [InlineData("Region:")]
    public async Task A_hall_cannot_take_an_id_the_event_log_keeps_for_its_own_streams(string prefix)
    {
        var hallId = prefix + Guid.NewGuid().ToString("N")[..8];
        var hall = fixture.Client.GetGrain<IHallGrain>(hallId);

        var refused = await Assert.ThrowsAsync<RejectedRequestException>(() => hall.ConfigureAsync(new HallConfig("冒名厅", "test-region", 10, ["C1"], ["entrance"], ["bill-payment"])));

        Assert.Contains("reserved for the event log", refused.Message);
        Assert.False(await hall.ExistsAsync());
    }

    [Fact]
    public async Task An_unknown_hall_is_named_in_the_error()
    {
        var error = await Assert.ThrowsAsync<UnknownEntityException>(
            () => Client.GetGrain<IHallGrain>("no-such-hall").GetSnapshotAsync());

        Assert.Contains("no-such-hall", error.Message);
    }

    [Fact]
    public async Task A_device_cannot_join_a_hall_that_was_never_opened()
    {
        var error = await Assert.ThrowsAsync<UnknownEntityException>(
            () => Client.GetGrain<IDeviceGrain>("nowhere/sensor-1").RegisterAsync(DeviceKind.InfraredSensor));

        Assert.Equal("hall", error.Kind);
        Assert.Equal("nowhere", error.Id);
    }

    [Fact]
    public async Task A_hall_with_bad_thresholds_is_refused()
    {
        var error = await Assert.ThrowsAsync<RejectedRequestException>(() => Client.GetGrain<IHallGrain>("bad-hall")
            .ConfigureAsync(new HallConfig("Bad", "r", 0, ["C1"], [], ["bill-payment"])));

        Assert.Contains("capacity 0", error.Message);
        Assert.False(await Client.GetGrain<IHallGrain>("bad-hall").ExistsAsync());
    }

    [Fact]
    public async Task Live_observers_receive_the_new_occupancy()
    {
        var hallId = await fixture.OpenHallAsync();
        var sensor = await RegisterSensorAsync(hallId);
        var observer = new SnapshotRecorder();
        var reference = Client.CreateObjectReference<IHallObserver>(observer);
        await Client.GetGrain<IHallGrain>(hallId).SubscribeAsync(reference);

        await sensor.RecordPassageAsync(new Passage(Guid.NewGuid(), 6, 0, fixture.Clock.GetUtcNow()));

        await ClusterFixture.EventuallyAsync(() => Task.FromResult(observer.Latest?.Occupancy), o => o == 6, "a pushed snapshot with occupancy 6");
    }

    [Fact]
    public async Task The_region_lists_its_halls_with_their_live_numbers()
    {
        var region = $"region-{Guid.NewGuid():N}"[..15];
        var first = await fixture.OpenHallAsync(region);
        var second = await fixture.OpenHallAsync(region);
        var sensor = await RegisterSensorAsync(second);
        await sensor.RecordPassageAsync(new Passage(Guid.NewGuid(), 9, 0, fixture.Clock.GetUtcNow()));

        var summary = await ClusterFixture.EventuallyAsync(
            () => Client.GetGrain<IRegionGrain>(region).GetSummaryAsync(),
            s => s.Halls.Length == 2 && s.Occupancy == 9,
            "the region to show both halls and 9 people");

        Assert.Equal(second, summary.Halls[0].HallId);
        Assert.Contains(first, summary.Halls.Select(h => h.HallId));
        Assert.Contains(region, await Client.GetGrain<IRegionDirectoryGrain>(0).GetRegionIdsAsync());
    }

    [Fact]
    public async Task A_crowded_hall_raises_an_alert_and_tells_staff_on_duty()
    {
        var hallId = await fixture.OpenHallAsync(capacity: 5);
        var staff = Client.GetGrain<OrleansHall.Staff.IStaffGrain>($"mgr-{hallId}");
        await staff.RegisterAsync("Manager", OrleansHall.Staff.StaffRole.HallManager, hallId);
        await staff.SetOnDutyAsync(true);
        var sensor = await RegisterSensorAsync(hallId);

        await sensor.RecordPassageAsync(new Passage(Guid.NewGuid(), 8, 0, fixture.Clock.GetUtcNow()));

        var snapshot = await ClusterFixture.EventuallyAsync(
            () => Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync(), s => s.Alerts.Any(a => a.Kind == "crowded"), "a crowded alert");
        Assert.Contains("over the limit of 5", snapshot.Alerts.Single(a => a.Kind == "crowded").Message);
        await ClusterFixture.EventuallyAsync(staff.GetRecentPushesAsync, p => p.Any(x => x.Kind == "alert"), "an alert pushed to the manager");
    }

    [Fact]
    public async Task An_alert_reaches_only_the_roles_its_rule_names_and_a_new_role_is_heard_at_once()
    {
        // Crowded and device-faulty alerts go to hall managers and floating guides, never to counter clerks.
        var hallId = await fixture.OpenHallAsync(capacity: 5);
        var manager = Client.GetGrain<OrleansHall.Staff.IStaffGrain>($"mgr-{hallId}");
        var clerk = Client.GetGrain<OrleansHall.Staff.IStaffGrain>($"clk-{hallId}");
        await manager.RegisterAsync("Manager", OrleansHall.Staff.StaffRole.HallManager, hallId);
        await clerk.RegisterAsync("Clerk", OrleansHall.Staff.StaffRole.CounterClerk, hallId);
        await manager.SetOnDutyAsync(true);
        await clerk.SetOnDutyAsync(true);
        var sensor = await RegisterSensorAsync(hallId);

        await sensor.RecordPassageAsync(new Passage(Guid.NewGuid(), 8, 0, fixture.Clock.GetUtcNow()));
        await ClusterFixture.EventuallyAsync(manager.GetRecentPushesAsync, p => p.Any(x => x.Kind == "alert"), "the crowded alert to the manager");
        await clerk.RegisterAsync("Clerk", OrleansHall.Staff.StaffRole.HallManager, hallId);
        await sensor.ReportFaultAsync(new DeviceFault(Guid.NewGuid(), "jam", "Door sensor jammed", fixture.Clock.GetUtcNow()));

        var pushes = await ClusterFixture.EventuallyAsync(clerk.GetRecentPushesAsync, p => p.Any(x => x.Kind == "alert"), "the faulty-device alert to the promoted clerk");
        var alert = Assert.Single(pushes, p => p.Kind == "alert");
        Assert.Contains("jammed", alert.Message);
    }

    private async Task<IDeviceGrain> RegisterSensorAsync(string hallId)
    {
        var sensor = Client.GetDevice(hallId, "ir-door");
        await sensor.RegisterAsync(DeviceKind.InfraredSensor);
        return sensor;
    }

    private sealed class SnapshotRecorder : IHallObserver
    {
        public HallSnapshot? Latest { get; private set; }

        public Task OnSnapshotAsync(HallSnapshot snapshot)
        {
            Latest = snapshot;
            return Task.CompletedTask;
        }
    }
}
