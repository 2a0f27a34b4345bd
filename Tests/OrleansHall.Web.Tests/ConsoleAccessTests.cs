using System.Collections.Immutable;
using OrleansHall.Customer;
using static Microsoft.Playwright.Assertions;

namespace OrleansHall.Web.Tests;

/// <summary>
/// Who may do what in the console, through the real console and Chromium: a manager never reaches another hall's
/// customers, staff never reach cameras, consent, enrolment or the certificate-free counter, an auditor only the audit
/// log; wrong passwords lock an account; anonymous /healthz tells only the status; passwords are never configured in clear.
/// </summary>
[Collection(ConsoleStackCollection.Name)]
public sealed class ConsoleAccessTests(ConsoleStack stack)
{
    [Fact]
    public async Task A_manager_cannot_read_or_change_a_customer_of_another_hall()
    {
        var otherHall = $"oh-{Guid.NewGuid():N}"[..12];
        await stack.OpenHallAsync(otherHall);
        var stranger = $"c-{Guid.NewGuid():N}"[..12];
        await stack.Cluster.GetGrain<ICustomerGrain>(stranger).RegisterAsync("李四", otherHall, ImmutableSortedSet.Create(CustomerTags.Vip));
        await stack.OpenHallAsync(stack.ManagerHallId);
        var page = await stack.SignedInPageAsync(ConsoleStack.ManagerName, stack.ManagerPassword);
        try
        {
            // Through the manager's own hall in the URL: the customer belongs elsewhere, so the page shows nothing of them.
            await page.GotoAsync($"halls/{stack.ManagerHallId}/customers/{stranger}");
            await Expect(page.GetByTestId("customer-error")).ToContainTextAsync(stranger);
            await Expect(page.GetByTestId("customer-name")).ToHaveCountAsync(0);
            await Expect(page.Locator("body")).Not.ToContainTextAsync("李四");
            Assert.Equal(0, await page.GetByTestId("grant-Recognition").CountAsync());

            // Through the other hall's URL: that hall is not theirs.
            await page.GotoAsync($"halls/{otherHall}/customers/{stranger}");
            await Expect(page.GetByTestId("hall-forbidden")).ToBeVisibleAsync();
            await Expect(page.Locator("body")).Not.ToContainTextAsync("李四");
            await stack.ScreenshotAsync(page, "access-other-hall-customer");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Equal("李四", (await stack.Cluster.GetGrain<ICustomerGrain>(stranger).GetProfileAsync()).Name);
    }

    [Fact]
    public async Task Staff_see_their_hall_but_not_camera_frames_consent_enrolment_the_counter_or_the_audit_log()
    {
        var hallId = stack.ManagerHallId;
        await stack.OpenHallAsync(hallId);
        var customerId = $"c-{Guid.NewGuid():N}"[..12];
        await stack.Cluster.GetGrain<ICustomerGrain>(customerId).RegisterAsync("王芳", hallId, []);
        var page = await stack.SignedInPageAsync(ConsoleStack.StaffName, stack.StaffPassword);
        try
        {
            await page.GotoAsync($"halls/{hallId}");
            await Expect(page.GetByTestId("hall-occupancy")).ToBeVisibleAsync();

            await page.GotoAsync($"halls/{hallId}/customers/{customerId}");
            await Expect(page.GetByTestId("customer-name")).ToContainTextAsync("王芳");
            await Expect(page.GetByTestId("consent-Recognition")).ToBeVisibleAsync();
            Assert.Equal(0, await page.GetByTestId("grant-Recognition").CountAsync());
            Assert.Equal(0, await page.GetByTestId("enrol-photo").CountAsync());
            Assert.Equal(0, await page.GetByTestId("erase").CountAsync());
            await stack.ScreenshotAsync(page, "access-staff-customer");

            foreach (var forbidden in new[] { $"halls/{hallId}/cameras/cam-door", $"halls/{hallId}/counter", $"halls/{hallId}/audit" })
            {
                await page.GotoAsync(forbidden);
                await Expect(page.GetByTestId("page-forbidden")).ToBeVisibleAsync();
            }

            var frame = await page.APIRequest.GetAsync($"halls/{hallId}/cameras/cam-door/frame.jpg");
            Assert.Equal(403, frame.Status);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_manager_erases_a_customer_of_their_hall_after_typing_the_id_and_the_page_shows_what_went()
    {
        await stack.OpenHallAsync(stack.ManagerHallId);
        var customerId = $"c-{Guid.NewGuid():N}"[..12];
        var customer = stack.Cluster.GetGrain<ICustomerGrain>(customerId);
        await customer.RegisterAsync("赵敏", stack.ManagerHallId, []);
        await customer.GrantConsentAsync([ConsentScope.CertificateFree], "clerk-1");
        var page = await stack.SignedInPageAsync(ConsoleStack.ManagerName, stack.ManagerPassword);
        try
        {
            await page.GotoAsync($"halls/{stack.ManagerHallId}/customers/{customerId}");
            await Expect(page.GetByTestId("erase-customer")).ToBeDisabledAsync();
            await page.GetByTestId("erase-confirm").FillAsync("someone-else");
            await Expect(page.GetByTestId("erase-customer")).ToBeDisabledAsync();
            await page.GetByTestId("erase-confirm").FillAsync(customerId);
            await page.GetByTestId("erase-customer").ClickAsync();

            await Expect(page.GetByTestId("customer-erased")).ToContainTextAsync(customerId);
            await Expect(page.Locator("body")).Not.ToContainTextAsync("赵敏");
            await stack.ScreenshotAsync(page, "customer-erased");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.False(await customer.ExistsAsync());
        Assert.Empty(await customer.GetConsentsAsync());
    }

    [Fact]
    public async Task An_auditor_reads_every_halls_audit_log_and_nothing_else()
    {
        var hallId = $"au-{Guid.NewGuid():N}"[..12];
        await stack.OpenHallAsync(hallId);
        var page = await stack.SignedInPageAsync(ConsoleStack.AuditorName, stack.AuditorPassword);
        try
        {
            await page.GotoAsync($"halls/{hallId}/audit");
            await Expect(page.Locator("[data-testid=audit-table], [data-testid=no-audit]").First).ToBeVisibleAsync();

            await page.GotoAsync($"halls/{hallId}");
            await Expect(page.GetByTestId("page-forbidden")).ToBeVisibleAsync();
            await page.GotoAsync($"halls/{hallId}/customers");
            await Expect(page.GetByTestId("page-forbidden")).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var page = await stack.NewPageAsync();
        try
        {
            for (var attempt = 0; attempt <= 5; attempt++)
            {
                var last = attempt == 5;
                await page.GotoAsync("login");
                await page.GetByTestId("login-name").FillAsync(ConsoleStack.LockOutName);
                await page.GetByTestId("login-password").FillAsync(last ? stack.LockOutPassword : $"wrong-{attempt}");
                await page.GetByTestId("login-submit").ClickAsync();
                await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
            }

            await Expect(page.GetByTestId("login-error")).ToContainTextAsync("锁定");
            Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "orleanshall.auth");
            await stack.ScreenshotAsync(page, "access-locked-out");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Anonymous_healthz_tells_the_status_and_nothing_else()
    {
        var anonymous = await stack.GetAnonymousHealthAsync();

        Assert.Equal(["status"], anonymous.EnumerateObject().Select(p => p.Name));
        Assert.Equal("healthy", anonymous.GetProperty("status").GetString());
        Assert.True((await stack.GetHealthAsync()).TryGetProperty("silos", out _), "a signed-in operator still sees the details");
    }

    [Fact]
    public async Task A_password_in_clear_in_the_configuration_stops_the_console_naming_the_key()
    {
        var port = FreePorts.Take(1)[0];
        await using var console = new ChildProcess("dotnet", [Repository.Console], new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["OrleansHall__Users__0__Name"] = "someone",
            ["OrleansHall__Users__0__Password"] = "in-clear-123",
            ["OrleansHall__Users__0__Role"] = "RegionalOperator",
        }, Path.GetDirectoryName(Repository.Console), name: "console");
        console.CloseInput();

        var exit = await console.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exit);
        Assert.Contains("OrleansHall:Users:0:Password", console.Output);
        Assert.Contains("PasswordHash", console.Output);
        Assert.DoesNotContain("in-clear-123", console.Output);
    }
}
