using static Microsoft.Playwright.Assertions;

namespace OrleansHall.Web.Tests;

[Collection(ConsoleStackCollection.Name)]
public sealed class SignInTests(ConsoleStack stack)
{
    [Fact]
    public async Task Wrong_password_shows_an_error_and_stays_on_the_login_page()
    {
        var page = await stack.NewPageAsync();
        try
        {
            await page.GotoAsync("login");
            await page.GetByTestId("login-name").FillAsync(ConsoleStack.OperatorName);
            await page.GetByTestId("login-password").FillAsync(stack.OperatorPassword + "-wrong");
            await page.GetByTestId("login-submit").ClickAsync();

            await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
            Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
            Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "orleanshall.auth");
            await stack.ScreenshotAsync(page, "login-error");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Region_page_requires_sign_in()
    {
        var page = await stack.NewPageAsync();
        try
        {
            await page.GotoAsync("");

            Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
            await Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(ConsoleStack.OperatorName);

            await page.GetByTestId("logout").ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
            await page.GotoAsync("");

            Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
