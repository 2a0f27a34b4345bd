using System.Collections.Immutable;
using OpenCvSharp;
using OrleansHall.Clients.Media;
using OrleansHall.Common;
using OrleansHall.Customer;
using OrleansHall.Gallery;
using OrleansHall.Hall;
using OrleansHall.Region;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Grains;

/// <summary>Consent by scope, audited; enrolment only of one clear face; templates removed wherever they are held.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CustomerConsentTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Scopes_are_granted_and_withdrawn_one_by_one_each_an_audit_event_that_keeps_who_and_when()
    {
        var (_, region, customer) = await CustomerAsync();
        var id = customer.GetPrimaryKeyString();

        await customer.GrantConsentAsync([ConsentScope.Recognition, ConsentScope.CertificateFree], "clerk-1");
        await customer.EnrolFaceAsync(await SingleFaceAsync("sample4.jpg"), "clerk-1");
        await customer.WithdrawConsentAsync([ConsentScope.CertificateFree], "clerk-2");
        var afterOne = await customer.GetConsentsAsync();
        var galleryAfterOne = await Client.GetGrain<IFaceGalleryGrain>(region).CountAsync();
        await customer.WithdrawConsentAsync([], "clerk-3");

        Assert.Equal([ConsentScope.Recognition], afterOne.Keys);
        Assert.Equal("clerk-1", afterOne[ConsentScope.Recognition].RecordedBy);
        Assert.Equal(1, galleryAfterOne);
        Assert.Empty(await customer.GetConsentsAsync());
        Assert.Equal(0, await Client.GetGrain<IFaceGalleryGrain>(region).CountAsync());
        Assert.Equal(1, await fixture.CountEventsAsync($"customer:{id}", "consent-granted"));
        Assert.Equal(2, await fixture.CountEventsAsync($"customer:{id}", "consent-withdrawn"));
    }

    [Fact]
    public async Task Enrolment_needs_the_recognition_scope_and_refuses_no_face_several_faces_or_a_small_face_saying_which()
    {
        var (_, region, customer) = await CustomerAsync();
        await customer.GrantConsentAsync([ConsentScope.CertificateFree], "clerk-1");
        var face = await SingleFaceAsync("sample2.jpg");

        var noScope = await Assert.ThrowsAsync<RejectedRequestException>(() => customer.EnrolFaceAsync(face, "clerk-1"));
        await customer.GrantConsentAsync([ConsentScope.Recognition], "clerk-1");
        var group = await Assert.ThrowsAsync<RejectedRequestException>(() => customer.EnrolFaceAsync(File.ReadAllBytes(Repository.Media("sample1.jpg")), "clerk-1"));
        using var gray = new Mat(480, 640, MatType.CV_8UC3, new Scalar(128, 128, 128));
        Cv2.ImEncode(".jpg", gray, out var empty);
        var none = await Assert.ThrowsAsync<RejectedRequestException>(() => customer.EnrolFaceAsync(empty, "clerk-1"));
        using var decoded = Cv2.ImDecode(face, ImreadModes.Color);
        using var small = decoded.Resize(new Size(decoded.Cols / 4, decoded.Rows / 4));
        using var canvas = new Mat(480, 640, MatType.CV_8UC3, new Scalar(200, 200, 200));
        small.CopyTo(new Mat(canvas, new Rect(280, 180, small.Cols, small.Rows)));
        Cv2.ImEncode(".jpg", canvas, out var tiny);
        var tooSmall = await Assert.ThrowsAsync<RejectedRequestException>(() => customer.EnrolFaceAsync(tiny, "clerk-1"));
        Cv2.ImEncode(".png", decoded, out var png);
        await customer.EnrolFaceAsync(png, "clerk-1");

        Assert.Contains("not consented to face recognition", noScope.Message);
        Assert.Contains("3 faces found", group.Message);
        Assert.Contains("No face found", none.Message);
        Assert.Contains("px tall", tooSmall.Message);
        Assert.Equal(1, await Client.GetGrain<IFaceGalleryGrain>(region).CountAsync());
    }

    [Fact]
    public async Task A_customer_moving_to_a_hall_of_another_region_leaves_no_template_in_the_old_regions_gallery()
    {
        var (_, oldRegion, customer) = await CustomerAsync();
        await customer.GrantConsentAsync([ConsentScope.Recognition], "clerk-1");
        await customer.EnrolFaceAsync(await SingleFaceAsync("sample5.jpg"), "clerk-1");
        var newRegion = $"reg-{Guid.NewGuid():N}"[..12];
        var newHall = await fixture.OpenHallAsync(newRegion);

        await customer.RegisterAsync("Customer", newHall, []);

        Assert.Equal(0, await Client.GetGrain<IFaceGalleryGrain>(oldRegion).CountAsync());
        Assert.Equal(newHall, (await customer.GetProfileAsync()).HomeHallId);
    }

    [Fact]
    public async Task A_hall_moved_to_another_region_leaves_none_of_its_customers_templates_in_the_old_regions_gallery()
    {
        var (hallId, oldRegion, customer) = await CustomerAsync();
        await customer.GrantConsentAsync([ConsentScope.Recognition], "clerk-1");
        await customer.EnrolFaceAsync(await SingleFaceAsync("sample5.jpg"), "clerk-1");
        var neighbour = Client.GetGrain<ICustomerGrain>($"cust-{Guid.NewGuid():N}"[..14]);
        var otherHall = await fixture.OpenHallAsync(oldRegion);
        await neighbour.RegisterAsync("Neighbour", otherHall, []);
        await neighbour.GrantConsentAsync([ConsentScope.Recognition], "clerk-1");
        await neighbour.EnrolFaceAsync(await SingleFaceAsync("sample2.jpg"), "clerk-1");
        var gallery = Client.GetGrain<IFaceGalleryGrain>(oldRegion);
        var before = await gallery.CountAsync();
        var hall = Client.GetGrain<IHallGrain>(hallId);
        var newRegion = $"reg-{Guid.NewGuid():N}"[..12];

        await hall.ConfigureAsync(await hall.GetConfigAsync() with { RegionId = newRegion });

        Assert.Equal(2, before);
        // Only the moved hall's customer leaves the old gallery; the neighbour's home hall stayed.
        Assert.Equal(1, await gallery.CountAsync());
        Assert.False(await customer.IsEnrolledAsync());
        Assert.True(await neighbour.IsEnrolledAsync());
        Assert.DoesNotContain(hallId, await Client.GetGrain<IRegionGrain>(oldRegion).GetHallIdsAsync());
        Assert.Contains(hallId, await Client.GetGrain<IRegionGrain>(newRegion).GetHallIdsAsync());
    }

    [Fact]
    public async Task A_hall_moved_while_the_old_gallery_cannot_save_finishes_the_move_later()
    {
        var (hallId, oldRegion, customer) = await CustomerAsync();
        await customer.GrantConsentAsync([ConsentScope.Recognition], "clerk-1");
        await customer.EnrolFaceAsync(await SingleFaceAsync("sample4.jpg"), "clerk-1");
        var gallery = Client.GetGrain<IFaceGalleryGrain>(oldRegion);
        var hall = Client.GetGrain<IHallGrain>(hallId);
        var moved = await hall.GetConfigAsync() with { RegionId = $"reg-{Guid.NewGuid():N}"[..12] };
        var trigger = await fixture.RefuseGallerySavesAsync(oldRegion);
        try
        {
            // The new region is durable whether or not the call reports the gallery's failure.
            await Record.ExceptionAsync(() => hall.ConfigureAsync(moved));
            Assert.Equal(moved.RegionId, (await hall.GetConfigAsync()).RegionId);
            Assert.Equal(1, await gallery.CountAsync());
        }
        finally
        {
            await fixture.AllowGallerySavesAsync(trigger);
        }

        // The move owed is finished by the hall itself once it runs again, with nobody calling it.
        await fixture.Cluster.DeactivateAsync(hall);
        await hall.ExistsAsync();
        await ClusterFixture.EventuallyAsync(() => gallery.CountAsync(), n => n == 0, "the moved hall's customer template removed from the old gallery");
        Assert.False(await customer.IsEnrolledAsync());
        Assert.DoesNotContain(hallId, await Client.GetGrain<IRegionGrain>(oldRegion).GetHallIdsAsync());
    }

    [Fact]
    public async Task A_zero_or_non_finite_template_never_reaches_a_gallery()
    {
        var gallery = Client.GetGrain<IFaceGalleryGrain>($"reg-{Guid.NewGuid():N}"[..12]);
        var infinite = new float[512];
        infinite[3] = float.PositiveInfinity;

        var zero = await Assert.ThrowsAsync<RejectedRequestException>(() => gallery.EnrolAsync("cust-z", new float[512], "clerk-1"));
        var inf = await Assert.ThrowsAsync<RejectedRequestException>(() => gallery.EnrolAsync("cust-i", infinite, "clerk-1"));

        Assert.Contains("unit length", zero.Message);
        Assert.Contains("unit length", inf.Message);
        Assert.Equal(0, await gallery.CountAsync());
    }

    [Fact]
    public async Task Withdrawal_removes_the_template_from_the_gallery_even_when_its_first_save_fails()
    {
        var (_, region, customer) = await CustomerAsync();
        await customer.GrantConsentAsync([ConsentScope.Recognition], "clerk-1");
        await customer.EnrolFaceAsync(await SingleFaceAsync("sample4.jpg"), "clerk-1");
        var gallery = Client.GetGrain<IFaceGalleryGrain>(region);
        // Only this region's gallery fails to save, as if the database refused that one write.
        var trigger = await fixture.RefuseGallerySavesAsync(region);
        Exception? failure;
        try
        {
            failure = await Record.ExceptionAsync(() => customer.WithdrawConsentAsync([ConsentScope.Recognition], "clerk-2"));
            // Consent is gone at once, but the gallery could not save: it must still hold what storage holds.
            Assert.Empty(await customer.GetConsentsAsync());
            Assert.Equal(1, await gallery.CountAsync());
        }
        finally
        {
            await fixture.AllowGallerySavesAsync(trigger);
        }

        Assert.NotNull(failure);
        // The removal owed is finished when the customer is next activated, and survives the gallery's own restart.
        await fixture.Cluster.DeactivateAsync(customer);
        await ClusterFixture.EventuallyAsync(async () => { await customer.GetConsentsAsync(); return await gallery.CountAsync(); }, n => n == 0, "the template removed after the failed save");
        await fixture.Cluster.DeactivateAsync(gallery);
        Assert.Equal(0, await gallery.CountAsync());
    }

    private async Task<byte[]> SingleFaceAsync(string photo) => (await FacePhotos.CropLargestAsync(Client, File.ReadAllBytes(Repository.Media(photo))))!;

    [Fact]
    public async Task Withdrawing_recognition_makes_the_hall_forget_the_customer_s_face_at_once_not_after_an_hour()
    {
        var (hallId, _, customer) = await CustomerAsync();
        await customer.GrantConsentAsync([ConsentScope.Recognition], "clerk-1");
        var ledger = Client.GetGrain<IVisitorLedgerGrain>(hallId);
        var (face, other) = (new float[512], new float[512]);
        (face[3], other[4]) = (1f, 1f);
        var sightings = await ledger.ObserveAsync([face, other], fixture.Clock.GetUtcNow());
        await ledger.IdentifiedAsync(sightings[0].VisitorId, customer.GetPrimaryKeyString(), fixture.Clock.GetUtcNow());
        var before = await ledger.CountAsync();

        await customer.WithdrawConsentAsync([ConsentScope.Recognition], "clerk-2");

        Assert.Equal((2, 1), (before, await ledger.CountAsync()));
        Assert.True((await ledger.ObserveAsync([face], fixture.Clock.GetUtcNow()))[0].NewVisitor);
    }

    private async Task<(string HallId, string Region, ICustomerGrain Customer)> CustomerAsync()
    {
        var region = $"reg-{Guid.NewGuid():N}"[..12];
        var hallId = await fixture.OpenHallAsync(region);
        var customer = Client.GetGrain<ICustomerGrain>($"cust-{Guid.NewGuid():N}"[..14]);
        await customer.RegisterAsync("Customer", hallId, ImmutableSortedSet<string>.Empty);
        return (hallId, region, customer);
    }
}
