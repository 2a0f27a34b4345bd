using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Playwright;
using OrleansHall.Placement;
using static Microsoft.Playwright.Assertions;

namespace OrleansHall.Web.Tests;

/// <summary>Product placement in the console: a display added on the page, a cold display flagged, an experiment started and judged, in both languages.</summary>
[Collection(ConsoleStackCollection.Name)]
public sealed class PlacementPageTests(ConsoleStack stack)
{
    [Fact]
    public async Task A_display_is_added_an_experiment_is_judged_with_its_p_value_and_a_cold_display_is_flagged_in_chinese_and_english()
    {
        var hallId = $"pl-{Guid.NewGuid():N}"[..12];
        await stack.OpenHallAsync(hallId);
        var placement = stack.Cluster.GetGrain<IHallPlacementGrain>(hallId);
        await placement.ConfigureDisplaysAsync([new("ev", "充电桩展台", "waiting", "ev-charger")], "setup");
        // Relative to the silo's own today: 20 whole days, the waiting zone holding people about 50 % longer after the change.
        var today = DateOnly.FromDateTime(DateTime.Now);
        var change = today.AddDays(-7);
        var random = new Random(11);
        await placement.ImportDaysAsync([.. Enumerable.Range(-14, 15).SelectMany(i =>
        {
            var day = today.AddDays(i);
            var perPerson = (day >= change ? 30 : 20) + (4 * (random.NextDouble() - 0.5));
            return new[] { new ZoneDay(day, "waiting", 90, 90 * perPerson), new ZoneDay(day, "entrance", 120, 120 * 3.0) };
        })]);
        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            await page.GotoAsync($"halls/{hallId}/placement");
            await Expect(page.Locator("h1")).ToContainTextAsync("产品陈列");
            await page.GetByTestId("display-id").FillAsync("solar");
            await page.GetByTestId("display-name").FillAsync("光伏展台");
            await page.GetByTestId("display-zone").SelectOptionAsync("entrance");
            await page.GetByTestId("display-product").FillAsync("solar");
            await page.GetByTestId("display-add").ClickAsync();
            await Expect(page.GetByTestId("display-solar")).ToHaveAttributeAsync("data-cold", "true");
            await Expect(page.GetByTestId("display-ev")).ToHaveAttributeAsync("data-cold", "false");

            await page.GetByTestId("experiment-name").FillAsync("充电桩移到等候区");
            await page.GetByTestId("experiment-display").SelectOptionAsync("ev");
            await page.GetByTestId("experiment-day").FillAsync(change.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByTestId("experiment-window").FillAsync("7");
            await page.GetByTestId("experiment-change").FillAsync("移到座椅旁");
            await page.GetByTestId("experiment-start").ClickAsync();
            var experiment = page.GetByTestId("experiment");
            await Expect(experiment).ToHaveAttributeAsync("data-finished", "true");
            var p = double.Parse(await experiment.GetAttributeAsync("data-p") ?? "1", CultureInfo.InvariantCulture);
            Assert.True(p < 0.05, $"p = {p}");
            await Expect(experiment).ToContainTextAsync("significant");
            await stack.ScreenshotAsync(page, "placement-zh");

            await page.GetByTestId("culture-switch").ClickAsync();
            await Expect(page.Locator("h1")).ToContainTextAsync("Product placement");
            await Expect(experiment).ToContainTextAsync("finished");
            await Expect(page.GetByTestId("display-solar")).ToContainTextAsync("cold");
            await stack.ScreenshotAsync(page, "placement-en");
            Assert.Equal(["ev", "solar"], (await placement.GetDisplaysAsync()).Select(d => d.Id));
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
