using OrleansHall.Common;
using System.Collections.Immutable;
using Microsoft.Playwright;
using OpenCvSharp;
using OrleansHall.Clients.Media;
using OrleansHall.Customer;
using OrleansHall.Device;
using OrleansHall.Identity;
using static Microsoft.Playwright.Assertions;

namespace OrleansHall.Web.Tests;

/// <summary>
/// The customer scenarios in the console, through the real cluster and Chromium, in Chinese and English: consent,
/// enrolment, tags, appointments and recommendations on the customer pages; certificate-free verification at the
/// counter; the read showing in the audit log.
/// </summary>
[Collection(ConsoleStackCollection.Name)]
public sealed class CustomerPagesTests(ConsoleStack stack)
{
    [Fact]
    public async Task The_customer_pages_record_consent_enrol_a_face_book_an_appointment_and_recommend_in_chinese_and_english()
    {
        var hallId = $"cu-{Guid.NewGuid():N}"[..12];
        await stack.OpenHallAsync(hallId);
        var customerId = $"c-{Guid.NewGuid():N}"[..12];
        var customer = stack.Cluster.GetGrain<ICustomerGrain>(customerId);
        await customer.RegisterAsync("王芳", hallId, ImmutableSortedSet.Create(CustomerTags.Vip));
        await customer.RecordVisitAsync(new Visit(hallId, DateTimeOffset.UtcNow.AddDays(-9), "bill-payment"));
        await customer.RecordVisitAsync(new Visit(hallId, DateTimeOffset.UtcNow.AddDays(-3), "bill-payment"));
        var crop = await FacePhotos.CropLargestAsync(stack.Cluster, File.ReadAllBytes(Photo("sample4.jpg")));
        // Two files: a browser does not report choosing the same file twice.
        var (face, again) = (await TempPhotoAsync(crop), await TempPhotoAsync(crop));
        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            await page.GotoAsync($"halls/{hallId}/customers");
            await Expect(page.Locator("h1")).ToContainTextAsync("客户");
            await page.GetByTestId($"customer-{customerId}").GetByRole(AriaRole.Link).ClickAsync();
            await Expect(page.GetByTestId("customer-name")).ToContainTextAsync("王芳");

            // Enrolment before consent is refused with the reason; after consent it succeeds.
            await page.GetByTestId("enrol-photo").SetInputFilesAsync(face);
            await Expect(page.GetByTestId("customer-action-error")).ToContainTextAsync("consent");
            await page.GetByTestId("grant-Recognition").ClickAsync();
            await Expect(page.GetByTestId("consent-Recognition")).ToHaveAttributeAsync("data-granted", "true");
            await page.GetByTestId("enrol-photo").SetInputFilesAsync(again);
            await Expect(page.GetByTestId("face-enrolled")).ToHaveTextAsync("是");

            await page.GetByTestId("tag-input").FillAsync("ev-owner");
            await page.GetByTestId("tag-add").ClickAsync();
            await Expect(page.GetByTestId("tag-ev-owner")).ToBeVisibleAsync();

            var at = DateTime.Now.AddDays(2).Date.AddHours(10).AddMinutes(30);
            await page.GetByTestId("book-at").FillAsync(at.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByTestId("book-business").SelectOptionAsync("new-connection");
            await page.GetByTestId("book-add").ClickAsync();
            await Expect(page.Locator("[data-testid=customer-notice], [data-testid=customer-action-error]")).ToHaveTextAsync("预约成功。");
            await Expect(page.GetByTestId("appointments")).ToContainTextAsync("新装");
            await Expect(page.GetByTestId("recommendations").Locator("li").First).ToHaveAttributeAsync("data-key", "ev-charger");
            await Expect(page.GetByTestId("recommendations").Locator("li[data-key=auto-pay]")).ToContainTextAsync("缴费 2 次");
            await stack.ScreenshotAsync(page, "customer-zh");

            var consents = await customer.GetConsentsAsync();
            Assert.Equal(ConsoleStack.OperatorName, consents[ConsentScope.Recognition].RecordedBy);
            var appointment = Assert.Single(await customer.GetAppointmentsAsync());
            Assert.Equal((at, "new-connection"), (appointment.At.LocalDateTime, appointment.BusinessType));

            await page.GetByTestId("culture-switch").ClickAsync();
            await Expect(page.GetByTestId("consent-Recognition")).ToContainTextAsync("Recognition at the door");
            await Expect(page.GetByTestId("appointments")).ToContainTextAsync("New connection");
            await Expect(page.GetByTestId("recommendations").Locator("li[data-key=auto-pay]")).ToContainTextAsync("Paid a bill 2 times");
            await page.GetByTestId("withdraw-Recognition").ClickAsync();
            await Expect(page.GetByTestId("face-enrolled")).ToHaveTextAsync("No");
            await stack.ScreenshotAsync(page, "customer-en");
            await page.GotoAsync($"halls/{hallId}/customers");
            await Expect(page.Locator("h1")).ToContainTextAsync("Customers");
            await Expect(page.GetByTestId($"customer-{customerId}")).ToContainTextAsync("VIP");
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
    public async Task The_counter_verifies_the_customer_refuses_someone_else_and_the_audit_log_shows_both_in_chinese_and_english()
    {
        var hallId = $"ct-{Guid.NewGuid():N}"[..12];
        await stack.OpenHallAsync(hallId);
        await stack.Cluster.GetDevice(hallId, "id-reader").RegisterAsync(DeviceKind.IdCardReader);
        var customerId = $"c-{Guid.NewGuid():N}"[..12];
        var customer = stack.Cluster.GetGrain<ICustomerGrain>(customerId);
        await customer.RegisterAsync("李娜", hallId, []);
        await customer.GrantConsentAsync([ConsentScope.CertificateFree], "clerk-1");
        // The ID photo and the live photo are two different photos of one woman (sample3's middle, sample1's right).
        var idPhoto = (await FacePhotos.CropAsync(stack.Cluster, File.ReadAllBytes(Photo("sample3.jpg")), f => f.MaxBy(x => x.Width * x.Height), 0.3))!;
        var live = (await FacePhotos.CropAsync(stack.Cluster, File.ReadAllBytes(Photo("sample1.jpg")), f => f.MaxBy(x => x.X), 1.0))!;
        var stranger = (await FacePhotos.CropAsync(stack.Cluster, File.ReadAllBytes(Photo("sample1.jpg")), f => f.MinBy(x => x.X), 1.0))!;
        var capture = await stack.Cluster.GetGrain<IIdentityDocumentGrain>(customerId)
            .CaptureAsync(new IdCapture(hallId, "id-reader", "李娜", "330203199001011236", idPhoto, live));
        Assert.True(capture.Captured, capture.Message);
        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            await page.GotoAsync($"halls/{hallId}/counter");
            await Expect(page.Locator("h1")).ToContainTextAsync("免证办理柜台");
            await page.GetByTestId("counter-customer").FillAsync(customerId);
            await page.GetByTestId("counter-purpose").FillAsync("过户");
            await page.GetByTestId("counter-photo").SetInputFilesAsync(await TempPhotoAsync(Mirrored(live)));
            await page.GetByTestId("counter-verify").ClickAsync();
            await Expect(page.GetByTestId("counter-result")).ToHaveAttributeAsync("data-verified", "true");
            await Expect(page.GetByTestId("counter-id-number")).ToHaveTextAsync("3302************36");
            await Expect(page.GetByTestId("counter-name")).ToHaveTextAsync("李娜");
            await stack.ScreenshotAsync(page, "counter-verified-zh");

            await page.GetByTestId("counter-photo").SetInputFilesAsync(await TempPhotoAsync(stranger));
            await page.GetByTestId("counter-verify").ClickAsync();
            await Expect(page.GetByTestId("counter-result")).ToHaveAttributeAsync("data-reason", IdentityReasons.Mismatch);
            await Expect(page.GetByTestId("counter-result")).ToContainTextAsync("人脸与已存人脸不一致");

            await page.GotoAsync($"halls/{hallId}/audit");
            await Expect(page.Locator("h1")).ToContainTextAsync("审计日志");
            var read = page.Locator("[data-testid=audit-row][data-action=document-read]");
            await Expect(read).ToHaveCountAsync(1);
            await Expect(read).ToContainTextAsync(ConsoleStack.OperatorName);
            await Expect(read).ToContainTextAsync("过户");
            await Expect(page.Locator("[data-testid=audit-row][data-action=verify-refused]")).ToHaveCountAsync(1);
            await Expect(page.Locator("[data-testid=audit-row][data-action=document-created]")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("audit-table")).Not.ToContainTextAsync("199001011236");
            Assert.DoesNotContain("33020319900101123", stack.Logs());
            await page.GetByTestId("culture-switch").ClickAsync();
            await Expect(page.Locator("h1")).ToContainTextAsync("Audit log");
            await Expect(read).ToContainTextAsync("Document read");
            await stack.ScreenshotAsync(page, "audit-en");

            await page.GotoAsync($"halls/{hallId}/counter");
            await Expect(page.Locator("h1")).ToContainTextAsync("Certificate-free counter");
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
    public async Task Behaviour_suggests_tags_staff_accept_them_and_the_hall_page_shows_the_strategy_cards_in_chinese_and_english()
    {
        var hallId = $"cu-{Guid.NewGuid():N}"[..12];
        await stack.OpenHallAsync(hallId);
        var customerId = $"c-{Guid.NewGuid():N}"[..12];
        var customer = stack.Cluster.GetGrain<ICustomerGrain>(customerId);
        await customer.RegisterAsync("李娜", hallId, ImmutableSortedSet.Create(CustomerTags.Vip));
        var kiosk = stack.Cluster.GetDevice(hallId, "kiosk-1");
        await kiosk.RegisterAsync(DeviceKind.Kiosk);
        foreach (var daysAgo in new[] { 20, 9, 2 })
        {
            await kiosk.RecordUsageAsync(new DeviceUsage(Guid.NewGuid(), "bill-payment", true, DateTimeOffset.UtcNow.AddDays(-daysAgo), customerId));
        }

        // A card as the camera grain hands it to the hall when it recognises the customer.
        var card = new StrategyCard(customerId, "李娜", [CustomerTags.Vip], hallId, "cam-entrance", DateTimeOffset.UtcNow, [],
            "guide-to-vip-area", "Greet them by name.", null, null, await customer.GetRecommendationsAsync());
        await stack.Cluster.GetGrain<OrleansHall.Hall.IHallGrain>(hallId).CardSentAsync(card);
        var page = await stack.SignedInPageAsync(ConsoleStack.OperatorName, stack.OperatorPassword);
        try
        {
            await page.GotoAsync($"halls/{hallId}/customers/{customerId}");
            await Expect(page.GetByTestId("suggest-kiosk-user")).ToContainTextAsync("自助终端办理 3 次");
            await Expect(page.GetByTestId("visits").Locator("tr[data-kind=Kiosk]")).ToHaveCountAsync(3);
            await page.GetByTestId("accept-kiosk-user").ClickAsync();
            await Expect(page.GetByTestId("tag-kiosk-user")).ToContainTextAsync("常用自助终端");
            await Expect(page.GetByTestId("suggest-kiosk-user")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("recommendations").Locator("li[data-key=app-self-service]")).ToContainTextAsync("办理 3 次");
            await stack.ScreenshotAsync(page, "customer-suggestions-zh");

            await page.GotoAsync($"halls/{hallId}");
            await Expect(page.GetByTestId("card-0")).ToHaveAttributeAsync("data-customer", customerId);
            await Expect(page.GetByTestId("card-0").GetByTestId("card-action")).ToContainTextAsync("VIP 区");
            await page.GetByTestId("culture-switch").ClickAsync();
            await Expect(page.GetByTestId("card-0").GetByTestId("card-action")).ToContainTextAsync("VIP area");
            await page.GetByTestId("strategy-cards").ScrollIntoViewIfNeededAsync();
            await stack.ScreenshotAsync(page, "hall-cards-en");
            await page.GotoAsync($"halls/{hallId}/customers/{customerId}");
            await Expect(page.GetByTestId("tag-suggestions")).ToContainTextAsync("No tag suggested");
            await Expect(page.GetByTestId("tag-kiosk-user")).ToContainTextAsync("Kiosk user");

            Assert.Contains(CustomerTags.KioskUser, (await customer.GetProfileAsync()).Tags);
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
    public async Task A_hall_manager_cannot_open_another_halls_customers_counter_or_audit_log()
    {
        var page = await stack.SignedInPageAsync(ConsoleStack.ManagerName, stack.ManagerPassword);
        try
        {
            foreach (var path in new[] { "customers", "counter", "audit" })
            {
                await page.GotoAsync($"halls/someone-elses/{path}");
                await Expect(page.GetByTestId("hall-forbidden")).ToBeVisibleAsync();
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private string Photo(string name) => Path.Combine(stack.RepositoryRoot, ".cache", "media", name);

    private static async Task<string> TempPhotoAsync(byte[]? jpeg)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("orleanshall-photo-").FullName, "photo.jpg");
        await File.WriteAllBytesAsync(path, jpeg ?? throw new Xunit.Sdk.XunitException("no face to crop"));
        return path;
    }

    private static byte[] Mirrored(byte[] jpeg)
    {
        using var image = Cv2.ImDecode(jpeg, ImreadModes.Color);
        using var flipped = image.Flip(FlipMode.Y);
        Cv2.ImEncode(".jpg", flipped, out var result);
        return result;
    }
}
