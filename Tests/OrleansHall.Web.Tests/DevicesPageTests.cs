using OrleansHall.Common;
using Microsoft.Playwright;
using OrleansHall.Device;
using static Microsoft.Playwright.Assertions;

namespace OrleansHall.Web.Tests;

/// <summary>The O&amp;M page lists a hall's devices worst first, with today's use by hour from the rollups.</summary>
[Collection(ConsoleStackCollection.Name)]
public sealed class DevicesPageTests(ConsoleStack stack)
{
    [Fact]
    public async Task Devices_are_listed_by_health_with_open_faults_low_consumables_and_todays_use()
    {
        var hallId = $"om-{Guid.NewGuid():N}"[..12];
        await stack.OpenHallAsync(hallId);
        var kiosk = stack.Cluster.GetDevice(hallId, "kiosk-1");
        var reader = stack.Cluster.GetDevice(hallId, "id-reader");
        var sensor = stack.Cluster.GetDevice(hallId, "ir-door");
        await sensor.RegisterAsync(DeviceKind.InfraredSensor);
        await reader.RegisterAsync(DeviceKind.IdCardReader);
        await kiosk.RegisterAsync(DeviceKind.Kiosk);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            await kiosk.RecordUsageAsync(new DeviceUsage(Guid.NewGuid(), "electricity-bill", true, now));
        }

        await kiosk.ReportFaultAsync(new DeviceFault(Guid.NewGuid(), "PRINTER", "printer offline", now));
        await reader.ReportConsumableAsync(new ConsumableLevel(Guid.NewGuid(), "ribbon", 0.05, now));
        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            await page.GotoAsync($"halls/{hallId}");
            await page.GetByTestId("devices-link").ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith($"/halls/{hallId}/devices", StringComparison.Ordinal));
            var rows = page.GetByTestId("om-table").Locator("tbody tr");
            await Expect(rows).ToHaveCountAsync(3);
            Assert.Equal(["fault", "low", "ok"], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.health)"));
            await Expect(page.GetByTestId("om-kiosk-1")).ToContainTextAsync("PRINTER");
            await Expect(page.GetByTestId("om-id-reader")).ToContainTextAsync("ribbon");
            await Expect(page.GetByTestId("om-hours-kiosk-1")).ToHaveAttributeAsync("data-total", "3");
            await stack.ScreenshotAsync(page, "devices");
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
}
