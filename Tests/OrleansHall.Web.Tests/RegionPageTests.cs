using OrleansHall.Common;
using Microsoft.Playwright;
using OrleansHall.Device;
using OrleansHall.Hall;
using OrleansHall.Queue;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OrleansHall.Web.Tests;

[Collection(ConsoleStackCollection.Name)]
public sealed class RegionPageTests(ConsoleStack stack, ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToHaveTextOptions WithinSeconds = new() { Timeout = 20_000 };

    [Fact]
    public async Task Occupancy_on_the_region_page_follows_the_entry_sensor_without_a_reload()
    {
        var hallId = $"live-{Guid.NewGuid():N}"[..13];
        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            await Expect(page.GetByTestId("total-occupancy")).ToBeVisibleAsync();
            // A full page load would drop this marker.
            await page.EvaluateAsync("() => { window.__sameDocument = 'still here'; }");

            await stack.OpenHallAsync(hallId, capacity: 40);
            await Expect(page.GetByTestId($"occupancy-{hallId}")).ToHaveTextAsync("0", WithinSeconds);
            await Expect(page.GetByTestId($"capacity-{hallId}")).ToHaveTextAsync("40", WithinSeconds);

            var sensor = stack.Cluster.GetDevice(hallId, "sensor-1");
            await sensor.RegisterAsync(DeviceKind.InfraredSensor);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await sensor.RecordPassageAsync(new Passage(Guid.NewGuid(), Entries: 5, Exits: 0, DateTimeOffset.UtcNow));
            await Expect(page.GetByTestId($"occupancy-{hallId}")).ToHaveTextAsync("5", WithinSeconds);
            output.WriteLine($"sensor reading to region page: {clock.ElapsedMilliseconds} ms");

            await sensor.RecordPassageAsync(new Passage(Guid.NewGuid(), Entries: 1, Exits: 3, DateTimeOffset.UtcNow));
            await Expect(page.GetByTestId($"occupancy-{hallId}")).ToHaveTextAsync("3", WithinSeconds);

            Assert.Equal("still here", await page.EvaluateAsync<string?>("() => window.__sameDocument ?? null"));
            // Re-rendered by pushes, the page must stay in the user's language (zh-CN by default).
            await Expect(page.Locator("h1")).ToHaveTextAsync("区域总览");
            await stack.ScreenshotAsync(page, "region");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{stack.Logs()}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Hall_page_shows_occupancy_capacity_and_todays_entries_and_exits()
    {
        var hallId = $"page-{Guid.NewGuid():N}"[..13];
        await stack.OpenHallAsync(hallId, capacity: 30);
        var sensor = stack.Cluster.GetDevice(hallId, "door");
        await sensor.RegisterAsync(DeviceKind.InfraredSensor);
        await sensor.RecordPassageAsync(new Passage(Guid.NewGuid(), Entries: 7, Exits: 2, DateTimeOffset.UtcNow));
        var queue = stack.Cluster.GetGrain<IQueueGrain>(hallId);
        await queue.OpenCounterAsync("C1", staffId: null);
        await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "electricity-bill"));
        await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "electricity-bill"));

        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            await page.GotoAsync($"halls/{hallId}");

            await Expect(page.GetByTestId("hall-occupancy")).ToHaveTextAsync("5 / 30", WithinSeconds);
            await Expect(page.GetByTestId("hall-entries")).ToHaveTextAsync("7", WithinSeconds);
            await Expect(page.GetByTestId("hall-exits")).ToHaveTextAsync("2", WithinSeconds);
            await Expect(page.GetByTestId("device-door")).ToBeVisibleAsync();
            // The reading's quarter-hour up to now: one bucket, or two when a quarter-hour turned in between (the
            // stack runs on the real clock).
            await Expect(page.GetByTestId("flow-chart")).ToHaveAttributeAsync("data-buckets", new System.Text.RegularExpressions.Regex("^[12]$"));
            await Expect(page.GetByTestId("hall-waiting")).ToHaveTextAsync("2", WithinSeconds);
            await Expect(page.GetByTestId("queue-electricity-bill").Locator("td").Nth(1)).ToHaveTextAsync("2");
            await Expect(page.GetByTestId("counter-C1").Locator("td").Nth(1)).ToHaveTextAsync("是");
            await Expect(page.GetByTestId("counter-C2").Locator("td").Nth(1)).ToHaveTextAsync("否");
            await stack.ScreenshotAsync(page, "hall");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Unknown_hall_id_shows_an_unknown_hall_message_instead_of_an_error_page()
    {
        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            await page.GotoAsync("halls/no-such-hall");

            await Expect(page.GetByTestId("hall-unknown")).ToContainTextAsync("no-such-hall");
            await stack.ScreenshotAsync(page, "unknown-hall");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Hall_manager_sees_only_their_own_hall()
    {
        var otherHall = $"other-{Guid.NewGuid():N}"[..14];
        await stack.OpenHallAsync(stack.ManagerHallId);
        await stack.OpenHallAsync(otherHall);

        var page = await stack.SignedInPageAsync(ConsoleStack.ManagerName, stack.ManagerPassword);
        try
        {
            await Expect(page.GetByTestId($"occupancy-{stack.ManagerHallId}")).ToBeVisibleAsync();
            await Expect(page.GetByTestId($"occupancy-{otherHall}")).ToHaveCountAsync(0);

            await page.GotoAsync($"halls/{otherHall}");
            await Expect(page.GetByTestId("hall-forbidden")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("hall-occupancy")).ToHaveCountAsync(0);
            await stack.ScreenshotAsync(page, "manager-forbidden");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
