using System.Globalization;
using Microsoft.Playwright;
using OrleansHall.Clients.Simulation;
using OrleansHall.Hall;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OrleansHall.Web.Tests;

/// <summary>
/// Three weeks of simulated history in the real cluster (written through the test's cluster client, as
/// `hallctl simulate --history` writes it), then the hall page's forecast and the staffing page in Chromium.
/// </summary>
[Collection(ConsoleStackCollection.Name)]
public sealed class AnalyticsPageTests(ConsoleStack stack, ITestOutputHelper output)
{
    [Fact]
    public async Task Hall_page_shows_the_forecast_band_and_prediction_error_and_the_staffing_page_compares_the_suggestion_with_the_roster()
    {
        var hallId = $"fc-{Guid.NewGuid():N}"[..12];
        var plan = new HallPlan(hallId, "预测营业厅", ["C1", "C2", "C3"], PeakPerHour: 24, Capacity: 70);
        await stack.Cluster.GetGrain<IHallGrain>(hallId).ConfigureAsync(RegionSetup.ConfigFor(plan, "webtests"));
        var today = DateOnly.FromDateTime(DateTime.Now);
        var history = await new HistoryBackfill(stack.Cluster, TimeZoneInfo.Local)
            .RunAsync([plan], today.AddDays(-21), today.AddDays(-1), (_, _, _) => { }, CancellationToken.None);
        output.WriteLine($"history: {history.Days} days, {history.Events} events, {history.Tickets} tickets");
        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            // The regional ranking: six days of history in the last seven (today has none yet) draw the trend.
            await page.GotoAsync("");
            await Expect(page.GetByTestId($"sparkline-{hallId}")).ToHaveAttributeAsync("data-points", "6", new() { Timeout = 20_000 });
            await Expect(page.GetByTestId($"service-level-{hallId}")).Not.ToHaveTextAsync("-");
            await page.GetByTestId("rank-by").ClickAsync();
            await page.GetByRole(AriaRole.Option).Nth(3).ClickAsync();
            await Expect(page.GetByTestId($"hall-row-{hallId}")).ToHaveAttributeAsync("data-rank", new System.Text.RegularExpressions.Regex("^[0-9]+$"));
            await stack.ScreenshotAsync(page, "region-ranking");

            await page.GotoAsync($"halls/{hallId}");
            var chart = page.GetByTestId("forecast-chart");
            await Expect(chart).ToBeVisibleAsync();
            // 08:00 to 18:30 in quarter-hours, with the band drawn around the line.
            await Expect(chart).ToHaveAttributeAsync("data-slots", "42");
            await Expect(page.GetByTestId("forecast-band")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("forecast-line")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("forecast-basis")).ToContainTextAsync("3");
            var error = await page.GetByTestId("prediction-error-bill-payment").TextContentAsync();
            Assert.True(double.TryParse(error, NumberStyles.Float, CultureInfo.GetCultureInfo("zh-CN"), out var minutes) && minutes >= 0,
                $"prediction error shown as '{error}'");
            await stack.ScreenshotAsync(page, "hall-forecast");

            await page.GetByTestId("staffing-link").ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith($"/halls/{hallId}/staffing", StringComparison.Ordinal));
            await Expect(page.GetByTestId("roster-suggested")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("staffing-slot")).ToHaveCountAsync(36);
            await Expect(page.GetByTestId("roster-current-people")).ToHaveTextAsync("10");
            var suggestedHours = Number(await page.GetByTestId("roster-suggested-hours").TextContentAsync());
            var currentHours = Number(await page.GetByTestId("roster-current-hours").TextContentAsync());
            Assert.True(suggestedHours < currentHours, $"suggested {suggestedHours} staff-hours, current {currentHours}");
            await Expect(page.GetByTestId("staffing-shifts")).ToContainTextAsync("流动引导员");
            await stack.ScreenshotAsync(page, "staffing");

            var csv = await page.APIRequest.GetAsync(await page.GetByTestId("staffing-csv").EvaluateAsync<string>("a => a.href"));
            Assert.True(csv.Ok, $"CSV: {csv.Status}");
            var lines = (await csv.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(37, lines.Length);
            Assert.Contains("CountersNeeded", lines[0]);

            // Yesterday's report: the totals, the hourly chart and the CSV tell the same day.
            await page.GotoAsync($"halls/{hallId}/report");
            await Expect(page.GetByTestId("report-issued")).ToBeVisibleAsync();
            await page.GetByTestId("report-day").ClickAsync();
            await page.GetByRole(AriaRole.Option).Nth(1).ClickAsync();
            await Expect(page.GetByTestId("report-chart")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("report-counters").Locator("tbody tr")).ToHaveCountAsync(3);
            var issued = (int)Number(await page.GetByTestId("report-issued").TextContentAsync());
            var report = await page.APIRequest.GetAsync(await page.GetByTestId("report-csv").EvaluateAsync<string>("a => a.href"));
            var rows = (await report.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var column = Array.IndexOf(rows[0].Split(','), "TicketsIssued");
            Assert.Equal(issued, rows.Skip(1).Sum(r => int.Parse(r.Split(',')[column], CultureInfo.InvariantCulture)));
            Assert.True(issued > 0, "yesterday had tickets");
            await stack.ScreenshotAsync(page, "report");
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
    public async Task A_hall_manager_cannot_open_another_halls_staffing_or_its_csv()
    {
        var page = await stack.SignedInPageAsync(ConsoleStack.ManagerName, stack.ManagerPassword);
        try
        {
            await page.GotoAsync("halls/someone-elses/staffing");
            await Expect(page.GetByTestId("hall-forbidden")).ToBeVisibleAsync();
            var csv = await page.APIRequest.GetAsync(new Uri(stack.ConsoleUri, "halls/someone-elses/staffing.csv").ToString());
            Assert.Equal(403, csv.Status);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static double Number(string? text) => double.Parse(text!, NumberStyles.Float, CultureInfo.GetCultureInfo("zh-CN"));
}
