using OrleansHall.Common;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Playwright;
using OrleansHall.Camera;
using OrleansHall.Hall;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OrleansHall.Web.Tests;

[Collection(ConsoleStackCollection.Name)]
public sealed class VisionPageTests(ConsoleStack stack, ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToHaveTextOptions WithinSeconds = new() { Timeout = 20_000 };

    [Fact]
    public async Task Hall_page_shows_demographics_zone_dwell_door_counts_and_heat_from_a_camera_report_without_a_reload()
    {
        var hallId = $"vis-{Guid.NewGuid():N}"[..12];
        await stack.OpenHallAsync(hallId);
        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            await page.GotoAsync($"halls/{hallId}");
            await Expect(page.GetByTestId("heatmap-empty")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("demographics-total")).ToHaveTextAsync("0");
            await Expect(page.GetByTestId("recognitions-empty")).ToBeVisibleAsync();
            await page.EvaluateAsync("() => { window.__sameDocument = 'still here'; }");

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var now = DateTimeOffset.UtcNow;
            var busyCell = (4 * HeatMap.DefaultColumns) + 6;
            var quietCell = (15 * HeatMap.DefaultColumns) + 25;
            await stack.Cluster.GetGrain<IHallGrain>(hallId).RecordVisionAsync(new VisionReport(
                "cam-door",
                now,
                [new DemographicCount("30-44", "female", 3), new DemographicCount("60+", "male", 2)],
                ImmutableDictionary<string, double>.Empty.Add("waiting", 600).Add("entrance", 90),
                ImmutableDictionary<string, int>.Empty.Add("waiting", 2),
                FloorHeat(busyCell, 480).SetItem(quietCell, 30),
                Entries: 1,
                Exits: 0,
                [new Recognition("cust-vip-7", 0.912, "cam-door", now)],
                ImmutableDictionary<string, int>.Empty.Add("entrance>waiting", 12).Add("waiting>counters", 8).Add("counters>waiting", 3),
                Backtracks: 3,
                Travellers: 12));

            await Expect(page.GetByTestId("demographics-30-44-female")).ToHaveTextAsync("3", WithinSeconds);
            output.WriteLine($"camera report to hall page: {clock.ElapsedMilliseconds} ms");
            await Expect(page.GetByTestId("demographics-60+-male")).ToHaveTextAsync("2");
            await Expect(page.GetByTestId("demographics-30-44-male")).ToHaveTextAsync("0");
            await Expect(page.GetByTestId("demographics-total-female")).ToHaveTextAsync("3");
            await Expect(page.GetByTestId("demographics-total-male")).ToHaveTextAsync("2");
            await Expect(page.GetByTestId("demographics-chart")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("zone-minutes-waiting")).ToHaveTextAsync("10.0");
            await Expect(page.GetByTestId("zone-minutes-entrance")).ToHaveTextAsync("1.5");
            await Expect(page.GetByTestId("zone-people-waiting")).ToHaveTextAsync("2");
            await Expect(page.GetByTestId("camera-entries-today")).ToHaveTextAsync("1");
            await Expect(page.GetByTestId("camera-exits-today")).ToHaveTextAsync("0");
            await Expect(page.GetByTestId("recognition-0")).ToContainTextAsync("cust-vip-7");
            await Expect(page.GetByTestId("recognition-0")).ToContainTextAsync("91.2");
            // Movement lines: the matrix, the back-track rate (3 of 12 movers), and the advice it triggers.
            await Expect(page.GetByTestId("move-entrance-waiting")).ToHaveTextAsync("12");
            await Expect(page.GetByTestId("move-counters-waiting")).ToHaveTextAsync("3");
            await Expect(page.GetByTestId("backtrack-rate")).ToContainTextAsync("25%");
            await Expect(page.GetByTestId("movement-advice-backtracking")).ToContainTextAsync("counters");

            var heat = page.GetByTestId("heatmap");
            await Expect(heat.Locator("rect.heat-cell")).ToHaveCountAsync(HeatMap.DefaultColumns * HeatMap.DefaultRows);
            var busy = heat.Locator("rect.heat-cell").Nth(busyCell);
            var quiet = heat.Locator("rect.heat-cell").Nth(quietCell);
            var empty = heat.Locator("rect.heat-cell").Nth(0);
            Assert.True(double.Parse(await busy.GetAttributeAsync("data-seconds") ?? "0", CultureInfo.InvariantCulture) > 0);
            await Expect(busy).ToHaveAttributeAsync("data-seconds", "480");
            await Expect(quiet).ToHaveAttributeAsync("data-seconds", "30");
            await Expect(empty).ToHaveAttributeAsync("data-seconds", "0");
            // More dwell must look different (darker) than less, and both different from an empty floor cell.
            var fills = new[] { await empty.GetAttributeAsync("fill"), await quiet.GetAttributeAsync("fill"), await busy.GetAttributeAsync("fill") };
            Assert.Equal(3, fills.Distinct().Count());
            Assert.True(Lightness(fills[2]!) < Lightness(fills[1]!), $"busy cell {fills[2]} should be darker than quiet cell {fills[1]}");
            await Expect(page.GetByTestId("heatmap-legend")).ToContainTextAsync("8 分钟");

            Assert.Equal("still here", await page.EvaluateAsync<string?>("() => window.__sameDocument ?? null"));
            await stack.ScreenshotAsync(page, "hall-vision");

            await page.GetByTestId("culture-switch").ClickAsync();
            await Expect(page.GetByText("Dwell heat map today")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("heatmap-legend")).ToContainTextAsync("8 min");
            await Expect(page.GetByTestId("demographics-30-44-female")).ToHaveTextAsync("3");
            await stack.ScreenshotAsync(page, "hall-vision-en");
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
    public async Task Camera_page_follows_a_real_photo_and_a_bad_frame_and_shows_the_annotated_frame()
    {
        var photo = Path.Combine(stack.RepositoryRoot, ".cache", "media", "sample1.jpg");
        Assert.True(File.Exists(photo), $"{photo} is missing; run deploy/fetch-media.sh first.");
        var hallId = $"cam-{Guid.NewGuid():N}"[..12];
        await stack.OpenHallAsync(hallId);
        var camera = stack.Cluster.GetCamera(hallId, "cam-door");
        await camera.ConfigureAsync(new CameraConfig("门口摄像头", [new CameraZone("entrance", 0, 0, 1, 1)], Floor: new FloorPlacement(0, 0, 0.5, 0.5)));
        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            // The hall page lists the camera and links to it.
            await page.GotoAsync($"halls/{hallId}");
            await page.GetByTestId("camera-link-cam-door").ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith($"/halls/{hallId}/cameras/cam-door", StringComparison.Ordinal));
            await Expect(page.Locator("h1")).ToContainTextAsync("门口摄像头");
            await Expect(page.GetByTestId("camera-accepted")).ToHaveTextAsync("0");
            await Expect(page.GetByTestId("camera-frame-none")).ToBeVisibleAsync();
            await page.EvaluateAsync("() => { window.__sameDocument = 'still here'; }");

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var ack = await camera.SubmitFrameAsync(new CameraFrame(1, DateTimeOffset.UtcNow, await File.ReadAllBytesAsync(photo)));
            Assert.True(ack.Accepted, ack.RejectReason);
            var bad = await camera.SubmitFrameAsync(new CameraFrame(2, DateTimeOffset.UtcNow, "not a jpeg"u8.ToArray()));
            Assert.False(bad.Accepted);

            await Expect(page.GetByTestId("camera-accepted")).ToHaveTextAsync("1", WithinSeconds);
            output.WriteLine($"frame submitted to camera page count: {clock.ElapsedMilliseconds} ms");
            await Expect(page.GetByTestId("camera-rejected")).ToHaveTextAsync("1", WithinSeconds);
            await Expect(page.GetByTestId("camera-reject-reason")).Not.ToHaveTextAsync("-");
            await Expect(page.GetByTestId("camera-online")).ToHaveTextAsync("是");
            await Expect(page.GetByTestId("camera-last-frame")).ToContainTextAsync("1920×1280");

            // Analysis runs in the silo; give the vision pool time to see the photo once. What the page shows is the
            // camera's annotated frame: the grain's own bytes, 960 px wide (the analysis size, not the 1920 px photo).
            var image = page.GetByTestId("camera-frame");
            await Expect(image).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var width = await Eventually.HoldsAsync(
                () => image.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0"),
                w => w > 0, "the annotated frame to load", 30, retryErrors: true);
            output.WriteLine($"annotated frame loaded, {width} px wide, {clock.ElapsedMilliseconds} ms after the photo was submitted");
            Assert.Equal(960, width);
            // The absolute address the browser resolved (the page has a base href).
            var source = await image.EvaluateAsync<string>("img => img.src");
            var served = await page.APIRequest.GetAsync(source);
            Assert.True(served.Ok, $"GET {source}: {served.Status}");
            Assert.Equal(await camera.GetLatestAnnotatedFrameAsync(), await served.BodyAsync());

            Assert.Equal("still here", await page.EvaluateAsync<string?>("() => window.__sameDocument ?? null"));
            await stack.ScreenshotAsync(page, "camera");

            // Back on the hall page, the cameras table carries the same health (the camera reports every few seconds).
            await page.GetByRole(AriaRole.Link, new() { Name = hallId, Exact = true }).ClickAsync();
            var row = page.GetByTestId("camera-cam-door");
            await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("是", WithinSeconds);
            await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("1", WithinSeconds);
            await Expect(row.Locator("td").Nth(6)).ToContainTextAsync("JPEG");
            await stack.ScreenshotAsync(page, "hall-cameras");
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
    public async Task Unknown_camera_shows_a_clear_message()
    {
        var hallId = $"unk-{Guid.NewGuid():N}"[..12];
        await stack.OpenHallAsync(hallId);
        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            await page.GotoAsync($"halls/{hallId}/cameras/no-such-cam");

            await Expect(page.GetByTestId("camera-unknown")).ToContainTextAsync("no-such-cam");
            var response = await page.Context.APIRequest.GetAsync($"halls/{hallId}/cameras/no-such-cam/frame.jpg");
            Assert.Equal(404, response.Status);
            Assert.Contains("Unknown camera 'no-such-cam'", await response.TextAsync(), StringComparison.Ordinal);
            await stack.ScreenshotAsync(page, "camera-unknown");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Camera_frames_are_only_for_signed_in_users_of_that_hall()
    {
        var otherHall = $"oth-{Guid.NewGuid():N}"[..12];
        await stack.OpenHallAsync(stack.ManagerHallId);
        await stack.OpenHallAsync(otherHall);
        await stack.Cluster.GetCamera(otherHall, "cam-1").ConfigureAsync(new CameraConfig("Cam 1", []));
        await stack.Cluster.GetCamera(stack.ManagerHallId, "cam-1").ConfigureAsync(new CameraConfig("Cam 1", []));

        var anonymous = await stack.NewPageAsync();
        var manager = await stack.SignedInPageAsync(ConsoleStack.ManagerName, stack.ManagerPassword);
        try
        {
            var signedOut = await anonymous.Context.APIRequest.GetAsync($"halls/{otherHall}/cameras/cam-1/frame.jpg", new() { MaxRedirects = 0 });
            Assert.Equal(302, signedOut.Status);
            Assert.Contains("/login", signedOut.Headers["location"], StringComparison.Ordinal);

            var foreign = await manager.Context.APIRequest.GetAsync($"halls/{otherHall}/cameras/cam-1/frame.jpg");
            Assert.Equal(403, foreign.Status);
            Assert.Contains($"Hall '{otherHall}' is not yours", await foreign.TextAsync(), StringComparison.Ordinal);

            var own = await manager.Context.APIRequest.GetAsync($"halls/{stack.ManagerHallId}/cameras/cam-1/frame.jpg");
            Assert.Equal(404, own.Status);
            Assert.Contains("has no analysed frame yet", await own.TextAsync(), StringComparison.Ordinal);

            await manager.GotoAsync($"halls/{otherHall}/cameras/cam-1");
            await Expect(manager.GetByTestId("hall-forbidden")).ToBeVisibleAsync();
            await Expect(manager.GetByTestId("camera-accepted")).ToHaveCountAsync(0);
        }
        finally
        {
            await anonymous.Context.CloseAsync();
            await manager.Context.CloseAsync();
        }
    }

    /// <summary>
    /// A day on the floor: a crowd around <paramref name="busiestCell"/> (the day's maximum), a walkway up from the door
    /// at the bottom and a row of counters at the top, so the screenshot shows what a real day looks like.
    /// </summary>
    private static ImmutableDictionary<int, double> FloorHeat(int busiestCell, double busiestSeconds)
    {
        var cells = ImmutableDictionary.CreateBuilder<int, double>();
        var (cx, cy) = (busiestCell % HeatMap.DefaultColumns, busiestCell / HeatMap.DefaultColumns);
        for (var dy = -3; dy <= 3; dy++)
        {
            for (var dx = -3; dx <= 3; dx++)
            {
                cells[((cy + dy) * HeatMap.DefaultColumns) + cx + dx] = Math.Round(busiestSeconds * Math.Exp(-((dx * dx) + (dy * dy)) / 3.0));
            }
        }

        for (var row = 8; row < HeatMap.DefaultRows; row++)
        {
            cells[(row * HeatMap.DefaultColumns) + 16] = 45;
            cells[(row * HeatMap.DefaultColumns) + 17] = 20;
        }

        for (var column = 20; column <= 28; column++)
        {
            cells[HeatMap.DefaultColumns + column] = 200;
            cells[(2 * HeatMap.DefaultColumns) + column] = 90;
        }

        return cells.ToImmutable();
    }

    /// <summary>Rough perceived lightness of a #rrggbb colour, 0..255.</summary>
    private static double Lightness(string hex)
    {
        var rgb = Convert.FromHexString(hex.TrimStart('#'));
        return (0.299 * rgb[0]) + (0.587 * rgb[1]) + (0.114 * rgb[2]);
    }
}
