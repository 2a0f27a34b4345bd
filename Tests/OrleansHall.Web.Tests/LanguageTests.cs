using static Microsoft.Playwright.Assertions;

namespace OrleansHall.Web.Tests;

[Collection(ConsoleStackCollection.Name)]
public sealed class LanguageTests(ConsoleStack stack)
{
    [Fact]
    public async Task Console_speaks_chinese_by_default_and_switches_to_english_from_the_app_bar()
    {
        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            await Expect(page.Locator("h1")).ToHaveTextAsync("区域总览");

            await page.GetByTestId("culture-switch").ClickAsync();

            await Expect(page.Locator("h1")).ToHaveTextAsync("Region overview");
            await page.ReloadAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Region overview");
            await stack.ScreenshotAsync(page, "region-en");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
