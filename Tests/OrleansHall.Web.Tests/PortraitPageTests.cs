using OrleansHall.Common;
using Microsoft.Playwright;
using OrleansHall.Camera;
using OrleansHall.Clients.Simulation;
using OrleansHall.Hall;
using static Microsoft.Playwright.Assertions;

namespace OrleansHall.Web.Tests;

/// <summary>The visitor portrait: today's age/gender make-up from a camera and the visit times from a week of history, in both languages.</summary>
[Collection(ConsoleStackCollection.Name)]
public sealed class PortraitPageTests(ConsoleStack stack)
{
    [Fact]
    public async Task The_portrait_shows_the_cameras_age_and_gender_make_up_and_when_visitors_come_in_chinese_and_english()
    {
        var hallId = $"po-{Guid.NewGuid():N}"[..12];
        var plan = new HallPlan(hallId, "画像测试厅", ["C1", "C2"], PeakPerHour: 20, Capacity: 60);
        await stack.Cluster.GetGrain<IHallGrain>(hallId).ConfigureAsync(RegionSetup.ConfigFor(plan, "webtests"));
        var today = DateOnly.FromDateTime(DateTime.Now);
        await new HistoryBackfill(stack.Cluster, TimeZoneInfo.Local).RunAsync([plan], today.AddDays(-7), today.AddDays(-1), (_, _, _) => { }, CancellationToken.None);
        var camera = stack.Cluster.GetCamera(hallId, "cam-door");
        await camera.ConfigureAsync(new CameraConfig("Door", []));
        await camera.SubmitFrameAsync(new CameraFrame(1, DateTimeOffset.UtcNow, File.ReadAllBytes(Path.Combine(stack.RepositoryRoot, ".cache", "media", "sample1.jpg"))));
        var visitors = await Eventually.HoldsAsync(async () => (await stack.Cluster.GetGrain<IHallGrain>(hallId).GetSnapshotAsync()).Vision.Demographics.Sum(d => d.Visitors),
            n => n == 3, "three visitors counted from sample1.jpg", 30, retryErrors: true);
        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            await page.GotoAsync($"halls/{hallId}/portrait");
            await Expect(page.Locator("h1")).ToContainTextAsync("客群画像");
            await Expect(page.GetByTestId("portrait-demographics")).ToHaveAttributeAsync("data-total", visitors.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(page.GetByTestId("portrait-times")).ToHaveAttributeAsync("data-days", "7");
            var busy = await page.Locator("[data-testid=portrait-times] td[data-value]").EvaluateAllAsync<int>("cells => cells.filter(c => parseFloat(c.dataset.value) > 0).length");
            Assert.True(busy >= 20, $"only {busy} weekday-hours had visitors in a week of history");
            await stack.ScreenshotAsync(page, "portrait-zh");

            await page.GetByTestId("culture-switch").ClickAsync();
            await Expect(page.Locator("h1")).ToContainTextAsync("Visitor portrait");
            await Expect(page.GetByTestId("portrait-times")).ToContainTextAsync("Mon");
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
