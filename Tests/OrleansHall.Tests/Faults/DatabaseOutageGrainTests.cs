using OrleansHall.Common;
using OrleansHall.Device;
using OrleansHall.Hall;
using OrleansHall.Queue;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Faults;

/// <summary>
/// The durability contract under a real database outage: PostgreSQL is stopped while a grain takes an event.
/// The caller must get a transient fault (never a refusal, never a silent success), nothing in memory may claim
/// the event, and the same event re-sent once the database is back is stored and counted exactly once.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class DatabaseOutageGrainTests(OutageClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task A_passage_that_fails_while_the_database_is_down_is_counted_once_when_resent()
    {
        var hallId = await fixture.OpenHallAsync();
        var sensor = await RegisterAsync(hallId, "ir-door", DeviceKind.InfraredSensor);
        var hall = Client.GetGrain<IHallGrain>(hallId);
        var passage = new Passage(Guid.NewGuid(), 2, 0, fixture.Clock.GetUtcNow());

        await fixture.Postgres.StopAsync();
        try
        {
            var error = await AssertTransientAsync(() => sensor.RecordPassageAsync(passage));
            Assert.Contains("retry", error.Message);
            Assert.Equal(0, (await hall.GetSnapshotAsync()).EntriesToday);
        }
        finally
        {
            await fixture.Postgres.StartAgainAsync();
        }

        await ResendAsync(() => sensor.RecordPassageAsync(passage));
        await sensor.RecordPassageAsync(passage);

        Assert.Equal(2, (await hall.GetSnapshotAsync()).EntriesToday);
        Assert.Equal(1, await fixture.CountEventsAsync(passage.EventId));
    }

    [Fact]
    public async Task Kiosk_use_and_faults_that_fail_while_the_database_is_down_are_counted_once_when_resent()
    {
        var hallId = await fixture.OpenHallAsync();
        var kiosk = await RegisterAsync(hallId, "kiosk-1", DeviceKind.Kiosk);
        var usage = new DeviceUsage(Guid.NewGuid(), "bill-payment", true, fixture.Clock.GetUtcNow());
        var fault = new DeviceFault(Guid.NewGuid(), "paper-out", "Receipt paper ran out", fixture.Clock.GetUtcNow());

        await fixture.Postgres.StopAsync();
        try
        {
            await AssertTransientAsync(() => kiosk.RecordUsageAsync(usage));
            await AssertTransientAsync(() => kiosk.ReportFaultAsync(fault));
            var during = await kiosk.GetStatusAsync();
            Assert.Equal((0, 0), (during.UsesToday, during.FaultsToday));
        }
        finally
        {
            await fixture.Postgres.StartAgainAsync();
        }

        await ResendAsync(() => kiosk.RecordUsageAsync(usage));
        await ResendAsync(() => kiosk.ReportFaultAsync(fault));
        await kiosk.RecordUsageAsync(usage);
        await kiosk.ReportFaultAsync(fault);

        var after = await kiosk.GetStatusAsync();
        Assert.Equal((1, 1), (after.UsesToday, after.FaultsToday));
        Assert.Equal(1, await fixture.CountEventsAsync(usage.EventId));
        Assert.Equal(1, await fixture.CountEventsAsync(fault.EventId));
    }

    [Fact]
    public async Task Tickets_issued_and_called_while_the_database_is_down_exist_once_and_resending_returns_the_same_ticket()
    {
        var hallId = await fixture.OpenHallAsync();
        var queue = Client.GetGrain<IQueueGrain>(hallId);
        var request = new TicketRequest(Guid.NewGuid(), "bill-payment");
        var call = new CounterAction(Guid.NewGuid(), "C1");
        Assert.Equal(0, (await queue.GetSummaryAsync()).IssuedToday);

        await fixture.Postgres.StopAsync();
        try
        {
            await AssertTransientAsync(() => queue.IssueTicketAsync(request));
            Assert.Equal(0, (await queue.GetSummaryAsync()).IssuedToday);
        }
        finally
        {
            await fixture.Postgres.StartAgainAsync();
        }

        var ticket = await ResendAsync(() => queue.IssueTicketAsync(request));
        await fixture.Postgres.StopAsync();
        try
        {
            await AssertTransientAsync(() => queue.CallNextAsync(call));
            Assert.Null((await queue.GetSummaryAsync()).Counters.Single(c => c.Counter == "C1").CurrentTicket);
        }
        finally
        {
            await fixture.Postgres.StartAgainAsync();
        }

        var called = await ResendAsync(() => queue.CallNextAsync(call));
        var issuedAgain = await queue.IssueTicketAsync(request);
        var calledAgain = await queue.CallNextAsync(call);

        Assert.Equal(ticket, issuedAgain);
        Assert.Equal((ticket.Number, TicketStatus.Called), (called?.Number, called?.Status));
        Assert.Equal(called, calledAgain);
        var summary = await queue.GetSummaryAsync();
        Assert.Equal((1, 0), (summary.IssuedToday, summary.Waiting));
        Assert.Equal(1, await fixture.CountEventsAsync(request.EventId));
        Assert.Equal(1, await fixture.CountEventsAsync(call.EventId));
    }

    [Fact]
    public async Task When_only_the_event_log_fails_the_saved_event_and_an_alert_raised_meanwhile_reach_the_log_once()
    {
        var hallId = await fixture.OpenHallAsync(capacity: 2);
        var sensor = await RegisterAsync(hallId, "ir-door", DeviceKind.InfraredSensor);
        var hall = Client.GetGrain<IHallGrain>(hallId);
        var passage = new Passage(Guid.NewGuid(), 3, 0, fixture.Clock.GetUtcNow());

        // The table goes away while the grain state stays writable: the state is saved, the log append fails.
        await fixture.ExecuteAsync("ALTER TABLE hall_events RENAME TO hall_events_away");
        try
        {
            await AssertTransientAsync(() => sensor.RecordPassageAsync(passage));
            await ClusterFixture.EventuallyAsync(() => hall.GetSnapshotAsync(),
                s => s.Alerts.Any(a => a.Kind == "crowded"), "the over-capacity alert to be raised while the log is down");
        }
        finally
        {
            await fixture.ExecuteAsync("ALTER TABLE hall_events_away RENAME TO hall_events");
        }

        await ResendAsync(() => sensor.RecordPassageAsync(passage));

        Assert.Equal(3, (await hall.GetSnapshotAsync()).EntriesToday);
        Assert.Equal(1, await fixture.CountEventsAsync(passage.EventId));
        await ClusterFixture.EventuallyAsync(() => fixture.CountEventsAsync(hallId, "alert"), n => n == 1,
            "the alert raised during the log outage to be logged once");
    }

    /// <summary>
    /// The call fails with a transient fault: thrown as is, or inside the activation error Orleans reports when a
    /// grain cannot even read its state (what a client sees, and retries, for a grain first called during the outage).
    /// </summary>
    private static async Task<TransientFaultException> AssertTransientAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(call);
        return Transient(error) ?? throw new Xunit.Sdk.XunitException($"Expected a transient fault, got {error}");
    }

    private static TransientFaultException? Transient(Exception error) => error switch
    {
        TransientFaultException transient => transient,
        _ => error.InnerException is { } inner ? Transient(inner) : null,
    };

    private async Task<IDeviceGrain> RegisterAsync(string hallId, string deviceId, DeviceKind kind)
    {
        var device = Client.GetDevice(hallId, deviceId);
        await device.RegisterAsync(kind);
        return device;
    }

    private static Task ResendAsync(Func<Task> send) => ResendAsync(async () =>
    {
        await send();
        return true;
    });

    /// <summary>Re-sends as a device does until acknowledged; any failure on the way other than a transient fault fails the test.</summary>
    private static async Task<T> ResendAsync<T>(Func<Task<T>> send)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await send();
            }
            catch (Exception error) when (Transient(error) is not null && DateTime.UtcNow < deadline)
            {
                // The pool's connections broke with the restart; the next attempt opens new ones.
                await Task.Delay(250);
            }
        }
    }
}
