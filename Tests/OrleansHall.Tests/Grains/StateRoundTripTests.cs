using OrleansHall.Common;
using System.Collections.Immutable;
using OrleansHall.Camera;
using OrleansHall.Customer;
using OrleansHall.Device;
using OrleansHall.Hall;
using OrleansHall.Queue;
using OrleansHall.Staff;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Grains;

/// <summary>Every grain's state is read back from PostgreSQL after the grain is deactivated.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StateRoundTripTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Hall_queue_device_camera_customer_and_staff_state_survive_deactivation()
    {
        var hallId = await fixture.OpenHallAsync();
        var hall = Client.GetGrain<IHallGrain>(hallId);
        var sensor = Client.GetDevice(hallId, "ir");
        await sensor.RegisterAsync(DeviceKind.InfraredSensor);
        var reading = new Passage(Guid.NewGuid(), 4, 1, fixture.Clock.GetUtcNow());
        await sensor.RecordPassageAsync(reading);
        var queue = Client.GetGrain<IQueueGrain>(hallId);
        var customer = Client.GetGrain<ICustomerGrain>($"c-{hallId}");
        await customer.RegisterAsync("张三", hallId, ImmutableSortedSet.Create(CustomerTags.Vip, "elderly"));
        var ticket = await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "bill-payment", customer.GetPrimaryKeyString()));
        var regular = await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "new-connection"));
        await queue.CallNextAsync(new CounterAction(Guid.NewGuid(), "C2"));
        var staff = Client.GetGrain<IStaffGrain>($"s-{hallId}");
        await staff.RegisterAsync("李四", StaffRole.FloatingGuide, hallId);
        await staff.SetOnDutyAsync(true);
        var camera = Client.GetCamera(hallId, "cam");
        await camera.ConfigureAsync(new CameraConfig("Door", [new CameraZone("entrance", 0, 0, 0.5, 0.5)], new EntryLine(0, 0.5, 1, 0.5)));
        await camera.SubmitFrameAsync(new CameraFrame(1, fixture.Clock.GetUtcNow(), [1, 2, 3]));
        var before = await ClusterFixture.EventuallyAsync(hall.GetSnapshotAsync,
            s => s.StaffOnDuty.Length == 1 && s.Queue.IssuedToday == 2 && s.Cameras.Length == 1, "the hall to hear from every grain");

        foreach (var grain in new IAddressable[] { hall, sensor, queue, customer, staff, camera })
        {
            await fixture.Cluster.DeactivateAsync(grain);
        }

        var after = await hall.GetSnapshotAsync();
        Assert.Equal((before.Occupancy, before.EntriesToday, before.ExitsToday), (after.Occupancy, after.EntriesToday, after.ExitsToday));
        Assert.True(before.StaffOnDuty.SequenceEqual(after.StaffOnDuty), $"{string.Join(",", before.StaffOnDuty)} vs {string.Join(",", after.StaffOnDuty)}");
        Assert.Equal(before.Queue.IssuedToday, after.Queue.IssuedToday);
        Assert.Equal(DeviceKind.InfraredSensor, (await sensor.GetStatusAsync()).Kind);
        await sensor.RecordPassageAsync(reading);
        Assert.Equal(after.Occupancy, (await hall.GetSnapshotAsync()).Occupancy);

        var waiting = await queue.GetWaitingAsync();
        Assert.Equal([regular.Number], waiting.Select(t => t.Number));
        Assert.Equal(ticket.Number, (await queue.GetSummaryAsync()).Counters.Single(c => c.Counter == "C2").CurrentTicket);
        await queue.StartServiceAsync(new CounterAction(Guid.NewGuid(), "C2"));
        var served = await queue.CompleteAsync(new CounterAction(Guid.NewGuid(), "C2"));
        Assert.Equal((ticket.Number, TicketPriority.Vip), (served.Number, served.Priority));

        var profile = await customer.GetProfileAsync();
        Assert.Equal(("张三", true), (profile.Name, profile.IsVip));
        Assert.Contains("elderly", profile.Tags);
        Assert.Single(await customer.GetVisitsAsync());
        Assert.Equal((StaffRole.FloatingGuide, true), ((await staff.GetProfileAsync()).Role, (await staff.GetProfileAsync()).OnDuty));
        var cam = await camera.GetStatusAsync();
        Assert.Equal(("Door", 1L), (cam.Name, cam.FramesRejected));
    }
}
