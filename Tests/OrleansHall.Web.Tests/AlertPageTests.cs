using OrleansHall.Common;
using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Playwright;
using OrleansHall.Device;
using OrleansHall.Hall;
using OrleansHall.Staff;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OrleansHall.Web.Tests;

/// <summary>
/// An alert's life through the real cluster and console: raised by a door reading, shown on the hall page and pushed
/// to a subscribed handheld (the subscription `hallctl handheld` makes), acknowledged and resolved from the page; its
/// rules edited on the rules page, with bad values refused.
/// </summary>
[Collection(ConsoleStackCollection.Name)]
public sealed class AlertPageTests(ConsoleStack stack, ITestOutputHelper output)
{
    [Fact]
    public async Task An_alert_reaches_the_page_and_a_handheld_and_is_acknowledged_and_resolved_from_the_console()
    {
        var hallId = $"al-{Guid.NewGuid():N}"[..12];
        await stack.OpenHallAsync(hallId, capacity: 3);
        var guide = stack.Cluster.GetGrain<IStaffGrain>($"guide-{hallId}");
        await guide.RegisterAsync("引导员", StaffRole.FloatingGuide, hallId);
        await guide.SetOnDutyAsync(true);
        var handheld = new Handheld();
        await guide.SubscribeAsync(stack.Cluster.CreateObjectReference<IStaffTerminal>(handheld));
        var sensor = stack.Cluster.GetDevice(hallId, "ir-door");
        await sensor.RegisterAsync(DeviceKind.InfraredSensor);
        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            await page.GotoAsync($"halls/{hallId}");
            await Expect(page.GetByTestId("no-alerts")).ToBeVisibleAsync();

            var clock = Stopwatch.StartNew();
            var start = Stopwatch.GetTimestamp();
            await sensor.RecordPassageAsync(new Passage(Guid.NewGuid(), 5, 0, DateTimeOffset.UtcNow));
            var alert = page.GetByTestId("alert-crowded");
            await Expect(alert).ToBeVisibleAsync(new() { Timeout = 20_000 });
            var onPage = clock.ElapsedMilliseconds;
            var push = await Eventually.HoldsAsync(() => Task.FromResult(handheld.Pushes.FirstOrDefault(p => p.Kind == "alert")), p => p is not null, "the alert on the guide's handheld", 20, retryErrors: true);
            output.WriteLine($"alert on the page {onPage} ms and on the handheld {handheld.FirstAlertMs(start):F0} ms after the reading was acknowledged");
            Assert.Contains("5", push!.Message);
            Assert.NotNull(push.AlertId);
            await Expect(alert).ToHaveAttributeAsync("data-status", "raised");

            await page.GetByTestId("alert-crowded-ack").ClickAsync();
            await Expect(alert).ToHaveAttributeAsync("data-status", "acknowledged");
            await Expect(page.GetByTestId("alert-crowded-acknowledged")).ToContainTextAsync(ConsoleStack.OperatorName);
            await stack.ScreenshotAsync(page, "hall-alert-acknowledged");

            await page.GetByTestId("alert-crowded-resolve").ClickAsync();
            // Still crowded, but the rule now waits its cool-down: the alert stays resolved.
            await Expect(alert).ToHaveCountAsync(0);
            await page.WaitForTimeoutAsync(1500);
            await Expect(alert).ToHaveCountAsync(0);

            await page.GetByTestId("alert-settings-link").ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith($"/halls/{hallId}/alerts", StringComparison.Ordinal));
            var history = page.GetByTestId("alert-history");
            await Expect(history).ToContainTextAsync(ConsoleStack.OperatorName);

            // A bad threshold is refused with the rule's name; a good one is kept across a reload.
            var threshold = page.GetByTestId("rule-long-queue-threshold");
            await threshold.FillAsync("-4");
            await threshold.BlurAsync();
            await page.GetByTestId("alert-rules-save").ClickAsync();
            await Expect(page.GetByTestId("alert-rules-error")).ToContainTextAsync("long-queue");
            await threshold.FillAsync("25");
            await threshold.BlurAsync();
            await page.GetByTestId("alert-rules-save").ClickAsync();
            await Expect(page.GetByTestId("alert-rules-saved")).ToBeVisibleAsync();
            await page.ReloadAsync();
            await Expect(page.GetByTestId("rule-long-queue-threshold")).ToHaveValueAsync("25");
            await stack.ScreenshotAsync(page, "alert-rules");
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
    public async Task A_hall_manager_cannot_open_another_halls_alert_rules()
    {
        var page = await stack.SignedInPageAsync(ConsoleStack.ManagerName, stack.ManagerPassword);
        try
        {
            await page.GotoAsync("halls/someone-elses/alerts");
            await Expect(page.GetByTestId("hall-forbidden")).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private sealed class Handheld : IStaffTerminal
    {
        private readonly ConcurrentQueue<(StaffPush Push, long At)> _received = new();

        public IEnumerable<StaffPush> Pushes => _received.Select(r => r.Push);

        public Task ReceiveAsync(StaffPush push)
        {
            _received.Enqueue((push, Stopwatch.GetTimestamp()));
            return Task.CompletedTask;
        }

        public double FirstAlertMs(long since)
            => _received.Where(r => r.Push.Kind == "alert").Select(r => Stopwatch.GetElapsedTime(since, r.At).TotalMilliseconds).FirstOrDefault();
    }
}
