using System.Collections.Immutable;
using Npgsql;
using OrleansHall.Common;
using OrleansHall.Customer;
using OrleansHall.Device;
using OrleansHall.Gallery;
using OrleansHall.Hall;
using OrleansHall.Identity;
using OrleansHall.Staff;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Grains;

/// <summary>
/// A customer's erasure request (PIPL art. 47) on real photos: afterwards nothing stored anywhere carries the customer's
/// name, face or document, and the audit of the erasure is all that remains.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CustomerErasureTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Erasure_removes_profile_visits_appointments_face_document_cards_and_pushes_everywhere_and_keeps_only_its_audit()
    {
        var region = $"reg-{Guid.NewGuid():N}"[..12];
        var home = await fixture.OpenHallAsync(region);
        var visited = await fixture.OpenHallAsync(region);
        var id = $"cust-{Guid.NewGuid():N}"[..14];
        var name = $"Erase Me {Guid.NewGuid():N}"[..20];
        var customer = Client.GetGrain<ICustomerGrain>(id);
        await customer.RegisterAsync(name, home, ImmutableSortedSet.Create(CustomerTags.Vip));
        await customer.GrantConsentAsync([ConsentScope.Recognition, ConsentScope.CertificateFree], "clerk-1");
        await customer.EnrolFaceAsync(await IdCardPhotos.ReaderPhotoAsync(Client), "clerk-1");
        await Client.GetDevice(home, "id-reader").RegisterAsync(DeviceKind.IdCardReader);
        var capture = await Client.GetGrain<IIdentityDocumentGrain>(id).CaptureAsync(
            new IdCapture(home, "id-reader", name, "330203199001011236", await IdCardPhotos.ChipPhotoAsync(Client), await IdCardPhotos.ReaderPhotoAsync(Client)));
        var now = fixture.Clock.GetUtcNow();
        await customer.RecordVisitAsync(new Visit(visited, now.AddHours(-3), "bill-payment", VisitKind.Ticket, EventId: Guid.NewGuid()));
        var manager = $"mgr-{Guid.NewGuid():N}"[..12];
        await Client.GetGrain<IStaffGrain>(manager).RegisterAsync("Manager", StaffRole.AccountManager, home);
        await customer.AddAppointmentAsync(home, now.AddDays(2), "new-connection", manager, "clerk-1");
        var card = new StrategyCard(id, name, [CustomerTags.Vip], visited, "cam-1", now, [], "greet", $"Greet {name}", null, null, []);
        await Client.GetGrain<IHallGrain>(visited).CardSentAsync(card);
        var guide = $"guide-{Guid.NewGuid():N}"[..14];
        await Client.GetGrain<IStaffGrain>(guide).RegisterAsync("Guide", StaffRole.FloatingGuide, visited);
        await Client.GetGrain<IStaffGrain>(guide).SetOnDutyAsync(true);
        await Client.GetGrain<IHallGrain>(visited).NotifyStaffAsync(StaffNotice.ToEveryone(new StaffPush("card", $"Greet {name}", visited, now, CustomerId: id, Card: card)));
        await ClusterFixture.EventuallyAsync(() => Client.GetGrain<IStaffGrain>(guide).GetRecentPushesAsync(), p => p.Length == 1, "the card on the guide's handheld");
        // The account manager gets the card straight, not through the hall, as a recognised customer's manager does.
        await Client.GetGrain<IStaffGrain>(manager).DeliverAsync(new StaffPush("strategy-card", $"Greet {name}", home, now, CustomerId: id, Card: card));
        // Off duty since: the hall still remembers the guide was sent a card of the customer.
        await Client.GetGrain<IStaffGrain>(guide).SetOnDutyAsync(false);
        Assert.True(capture.Captured, capture.Message);
        Assert.Equal(1, await Client.GetGrain<IFaceGalleryGrain>(region).CountAsync());

        var report = await customer.EraseAsync("manager-1");
        var again = await customer.EraseAsync("manager-1");

        Assert.Equal((1, 1, 2, true, true, 2), (report.Visits, report.Appointments, report.Consents, report.FaceTemplate, report.IdDocument, report.Halls));
        Assert.Equal(report, again);
        Assert.False(await customer.ExistsAsync());
        await Assert.ThrowsAsync<UnknownEntityException>(() => customer.GetProfileAsync());
        Assert.Empty(await customer.GetVisitsAsync());
        Assert.Empty(await customer.GetConsentsAsync());
        Assert.False(await customer.IsEnrolledAsync());
        Assert.Equal(0, await Client.GetGrain<IFaceGalleryGrain>(region).CountAsync());
        Assert.False((await Client.GetGrain<IIdentityDocumentGrain>(id).GetStatusAsync()).Held);
        Assert.DoesNotContain(id, await Client.GetGrain<ICustomerDirectoryGrain>(home).GetAsync());
        Assert.DoesNotContain((await Client.GetGrain<IHallGrain>(visited).GetSnapshotAsync()).Vision.Cards, c => c.CustomerId == id);
        Assert.Empty(await Client.GetGrain<IStaffGrain>(guide).GetRecentPushesAsync());
        Assert.Empty(await Client.GetGrain<IStaffGrain>(manager).GetRecentPushesAsync());
        // What the database holds: no grain state carries the name, and the log holds the erasure's audit.
        Assert.Equal(0L, await StatesMentioningAsync(name));
        Assert.Equal(1, await fixture.CountEventsAsync($"customer:{id}", "customer-erased"));
    }

    [Fact]
    public async Task An_erasure_cut_short_by_a_failing_gallery_is_finished_on_the_next_activation_and_a_new_registration_is_not_swept_away()
    {
        var region = $"reg-{Guid.NewGuid():N}"[..12];
        var home = await fixture.OpenHallAsync(region);
        var id = $"cust-{Guid.NewGuid():N}"[..14];
        var customer = Client.GetGrain<ICustomerGrain>(id);
        await customer.RegisterAsync("Cut Short", home, []);
        await customer.GrantConsentAsync([ConsentScope.Recognition], "clerk-1");
        await customer.EnrolFaceAsync(await IdCardPhotos.ReaderPhotoAsync(Client), "clerk-1");
        var gallery = Client.GetGrain<IFaceGalleryGrain>(region);

        var trigger = await fixture.RefuseGallerySavesAsync(region);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => customer.EraseAsync("manager-1"));
            // Recorded and begun: the profile is gone at once, the template still waits to be removed.
            Assert.False(await customer.ExistsAsync());
            Assert.Equal(1, await gallery.CountAsync());
        }
        finally
        {
            await fixture.AllowGallerySavesAsync(trigger);
        }

        await fixture.Cluster.DeactivateAsync(customer);
        await ClusterFixture.EventuallyAsync(async () => { await customer.ExistsAsync(); return await gallery.CountAsync(); }, n => n == 0,
            "the template removed when the customer is next activated");
        await customer.RegisterAsync("Came Back", home, []);
        await fixture.Cluster.DeactivateAsync(customer);

        Assert.Equal("Came Back", (await customer.GetProfileAsync()).Name);
        Assert.Equal(1, await fixture.CountEventsAsync($"customer:{id}", "customer-erased"));
    }

    [Fact]
    public async Task Erasing_an_unknown_customer_is_refused_and_a_bad_requester_is_refused_with_the_reason()
    {
        var hall = await fixture.OpenHallAsync();
        var customer = Client.GetGrain<ICustomerGrain>($"cust-{Guid.NewGuid():N}"[..14]);

        await Assert.ThrowsAsync<UnknownEntityException>(() => customer.EraseAsync("manager-1"));
        await customer.RegisterAsync("Kept", hall, []);
        var bad = await Assert.ThrowsAsync<RejectedRequestException>(() => customer.EraseAsync("no spaces allowed"));

        Assert.Contains("requested by", bad.Message);
        Assert.Equal("Kept", (await customer.GetProfileAsync()).Name);
    }

    private async Task<long> StatesMentioningAsync(string text)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleans_grain_state WHERE position(@t IN convert_from(payload, 'UTF8')) > 0", connection);
        command.Parameters.AddWithValue("t", text);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
