using System.Collections.Immutable;
using System.Security.Cryptography;
using Npgsql;
using OpenCvSharp;
using OrleansHall.Camera;
using OrleansHall.Clients.Media;
using OrleansHall.Common;
using OrleansHall.Customer;
using OrleansHall.Gallery;
using OrleansHall.Grains.Gallery;
using OrleansHall.Hall;
using OrleansHall.Staff;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class FaceGalleryGrainTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task A_face_cannot_be_enrolled_without_recorded_consent()
    {
        var (_, region, customer) = await CustomerInNewRegionAsync(CustomerTags.Vip);

        var error = await Assert.ThrowsAsync<RejectedRequestException>(
            () => customer.EnrolFaceAsync(File.ReadAllBytes(Repository.Media("sample2.jpg")), "clerk-1"));

        Assert.Contains("consent", error.Message);
        Assert.Equal(0, await Client.GetGrain<IFaceGalleryGrain>(region).CountAsync());
    }

    [Fact]
    public async Task A_consenting_vip_is_recognised_at_the_door_and_staff_on_duty_are_told()
    {
        var (hallId, region, customer) = await CustomerInNewRegionAsync(CustomerTags.Vip);
        var guide = Client.GetGrain<IStaffGrain>($"guide-{hallId}");
        await guide.RegisterAsync("Guide", StaffRole.FloatingGuide, hallId);
        await guide.SetOnDutyAsync(true);
        await customer.GrantBiometricConsentAsync("clerk-1");
        await customer.EnrolFaceAsync((await FacePhotos.CropLargestAsync(Client, File.ReadAllBytes(Repository.Media("sample2.jpg"))))!, "clerk-1");
        await ClusterFixture.EventuallyAsync(async () => (await Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync()).StaffOnDuty,
            s => s.Length == 1, "the guide on duty");
        var camera = Client.GetCamera(hallId, "cam-door");
        await camera.ConfigureAsync(new CameraConfig("Door", []));

        // The camera sees the same people in a mirrored, half-size picture.
        using var original = Cv2.ImRead(Repository.Media("sample2.jpg"));
        using var mirrored = original.Flip(FlipMode.Y).Resize(new Size(original.Cols / 2, original.Rows / 2));
        Cv2.ImEncode(".jpg", mirrored, out var frame);
        await camera.SubmitFrameAsync(new CameraFrame(1, fixture.Clock.GetUtcNow(), frame));

        var snapshot = await ClusterFixture.EventuallyAsync(() => Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync(),
            s => s.Vision.Recognitions.Length > 0, "a recognition at the door", seconds: 30);
        var recognition = Assert.Single(snapshot.Vision.Recognitions);
        Assert.Equal(customer.GetPrimaryKeyString(), recognition.PersonId);
        Assert.True(recognition.Similarity >= OrleansHall.Vision.Gallery.FaceGallery.RecommendedThreshold);
        Assert.Contains(await customer.GetVisitsAsync(), v => v.Reason.Contains("recognised"));
        var pushes = await ClusterFixture.EventuallyAsync(guide.GetRecentPushesAsync, p => p.Any(x => x.Kind == "strategy-card"), "a strategy card to the guide");
        var card = pushes.Single(x => x.Kind == "strategy-card").Card!;
        Assert.Equal((customer.GetPrimaryKeyString(), "guide-to-vip-area", "cam-door"), (card.CustomerId, card.Action, card.CameraId));
        Assert.Contains(CustomerTags.Vip, card.Tags);
        Assert.Equal(1, await AuditCountAsync(region, "match"));
        // The console shows the same card from the hall's snapshot.
        var shown = await ClusterFixture.EventuallyAsync(() => Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync(),
            s => !s.Vision.Cards.IsDefaultOrEmpty, "the card in the hall's snapshot");
        var onPage = Assert.Single(shown.Vision.Cards);
        Assert.Equal((card.CustomerId, card.Action, card.SeenAt, card.CameraId), (onPage.CustomerId, onPage.Action, onPage.SeenAt, onPage.CameraId));
        Assert.Equal(card.Recommendations.Select(r => r.Key), onPage.Recommendations.Select(r => r.Key));
    }

    [Fact]
    public async Task A_vip_with_an_appointment_is_announced_to_the_account_manager_first_with_the_appointment_and_recommendations()
    {
        var (hallId, _, customer) = await CustomerInNewRegionAsync(CustomerTags.Vip);
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var guide = Client.GetGrain<IStaffGrain>($"guide-{hallId}");
        await guide.RegisterAsync("Guide", StaffRole.FloatingGuide, hallId);
        await guide.SetOnDutyAsync(true);
        // The account manager is not on the floor: the customer came to see them, so they are told anyway, and first.
        var manager = Client.GetGrain<IStaffGrain>($"am-{hallId}");
        await manager.RegisterAsync("Manager Zhou", StaffRole.AccountManager, hallId);
        // When the guide is told, the manager must already hold the card (two handhelds' receipts carry no order).
        var managerHadItFirst = new TaskCompletionSource<bool>();
        // The client holds observers weakly: the handhelds must live as long as the test, or a collection drops their pushes.
        var guideHandheld = new Terminal("guide", received,
            async () => managerHadItFirst.TrySetResult((await manager.GetRecentPushesAsync()).Any(p => p.Kind == "strategy-card")));
        var managerHandheld = new Terminal("manager", received);
        await guide.SubscribeAsync(Client.CreateObjectReference<IStaffTerminal>(guideHandheld));
        await manager.SubscribeAsync(Client.CreateObjectReference<IStaffTerminal>(managerHandheld));
        await customer.RecordVisitAsync(new Visit(hallId, fixture.Clock.GetUtcNow().AddDays(-20), "bill-payment"));
        await customer.RecordVisitAsync(new Visit(hallId, fixture.Clock.GetUtcNow().AddDays(-10), "bill-payment"));
        var appointment = await customer.AddAppointmentAsync(hallId, fixture.Clock.GetUtcNow().AddMinutes(30), "new-connection", manager.GetPrimaryKeyString(), "clerk-1");
        await customer.GrantBiometricConsentAsync("clerk-1");
        await customer.EnrolFaceAsync((await FacePhotos.CropLargestAsync(Client, File.ReadAllBytes(Repository.Media("sample2.jpg"))))!, "clerk-1");
        await ClusterFixture.EventuallyAsync(async () => (await Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync()).StaffOnDuty, s => s.Length == 1, "the guide on duty");
        var camera = Client.GetCamera(hallId, "cam-door");
        await camera.ConfigureAsync(new CameraConfig("Door", []));

        await camera.SubmitFrameAsync(new CameraFrame(1, fixture.Clock.GetUtcNow(), File.ReadAllBytes(Repository.Media("sample2.jpg"))));

        try
        {
            await ClusterFixture.EventuallyAsync(() => Task.FromResult(received.ToArray()), r => r.Length >= 2, "the card on both handhelds", seconds: 30);
        }
        catch (Xunit.Sdk.XunitException timedOut)
        {
            throw new Xunit.Sdk.XunitException($"{timedOut.Message}: cards on [{string.Join(",", received)}]; " +
                $"guide holds [{string.Join(",", (await guide.GetRecentPushesAsync()).Select(p => p.Kind))}], " +
                $"manager holds [{string.Join(",", (await manager.GetRecentPushesAsync()).Select(p => p.Kind))}]; camera {await camera.GetStatusAsync()}");
        }

        Assert.Equal(["guide", "manager"], received.Order());
        Assert.True(await managerHadItFirst.Task.WaitAsync(TimeSpan.FromSeconds(10)), "the guide was told before the manager held the card");
        var card = (await manager.GetRecentPushesAsync()).Single(p => p.Kind == "strategy-card").Card!;
        Assert.Equal(("call-account-manager", appointment.Id, manager.GetPrimaryKeyString()), (card.Action, card.Appointment!.Id, card.AccountManagerId));
        Assert.Contains("Manager Zhou", card.ActionText);
        Assert.InRange(card.Recommendations.Length, 1, OrleansHall.Grains.Customer.Recommender.Shown);
        Assert.Equal("auto-pay", card.Recommendations[0].Key);
        Assert.Contains("2 times", card.Recommendations[0].Reason);
        GC.KeepAlive(guideHandheld);
        GC.KeepAlive(managerHandheld);
    }

    [Fact]
    public async Task An_appointment_is_refused_for_an_unknown_business_a_time_long_past_or_a_manager_of_another_hall()
    {
        var (hallId, _, customer) = await CustomerInNewRegionAsync(CustomerTags.Vip);
        var otherHall = await fixture.OpenHallAsync();
        var stranger = Client.GetGrain<IStaffGrain>($"am-{otherHall}");
        await stranger.RegisterAsync("Elsewhere", StaffRole.AccountManager, otherHall);
        var now = fixture.Clock.GetUtcNow();

        var business = await Assert.ThrowsAsync<RejectedRequestException>(() => customer.AddAppointmentAsync(hallId, now.AddHours(1), "karaoke", null, "clerk-1"));
        var past = await Assert.ThrowsAsync<RejectedRequestException>(() => customer.AddAppointmentAsync(hallId, now.AddHours(-2), "new-connection", null, "clerk-1"));
        var elsewhere = await Assert.ThrowsAsync<RejectedRequestException>(() => customer.AddAppointmentAsync(hallId, now.AddHours(1), "new-connection", stranger.GetPrimaryKeyString(), "clerk-1"));
        await Assert.ThrowsAsync<UnknownEntityException>(() => customer.AddAppointmentAsync(hallId, now.AddHours(1), "new-connection", "nobody-here", "clerk-1"));

        Assert.Contains("bill-payment", business.Message);
        Assert.Contains("an hour past", past.Message);
        Assert.Contains(otherHall, elsewhere.Message);
        Assert.Empty(await customer.GetAppointmentsAsync());
    }

    private sealed class Terminal(string who, System.Collections.Concurrent.ConcurrentQueue<string> received, Func<Task>? onCard = null) : IStaffTerminal
    {
        public async Task ReceiveAsync(StaffPush push)
        {
            if (push.Kind == "strategy-card")
            {
                received.Enqueue(who);
                if (onCard is not null)
                {
                    await onCard();
                }
            }
        }
    }

    [Fact]
    public async Task A_vip_seen_again_and_by_a_second_camera_within_the_visit_gets_one_card_and_one_visit()
    {
        var (hallId, _, customer) = await CustomerInNewRegionAsync(CustomerTags.Vip);
        var guide = Client.GetGrain<IStaffGrain>($"guide-{hallId}");
        await guide.RegisterAsync("Guide", StaffRole.FloatingGuide, hallId);
        await guide.SetOnDutyAsync(true);
        await customer.GrantBiometricConsentAsync("clerk-1");
        await customer.EnrolFaceAsync((await FacePhotos.CropLargestAsync(Client, File.ReadAllBytes(Repository.Media("sample4.jpg"))))!, "clerk-1");
        await ClusterFixture.EventuallyAsync(async () => (await Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync()).StaffOnDuty,
            s => s.Length == 1, "the guide on duty");
        var door = Client.GetCamera(hallId, "cam-door");
        var counters = Client.GetCamera(hallId, "cam-counters");
        await door.ConfigureAsync(new CameraConfig("Door", []));
        await counters.ConfigureAsync(new CameraConfig("Counters", []));
        var photo = File.ReadAllBytes(Repository.Media("sample4.jpg"));
        var at = fixture.Clock.GetUtcNow();

        for (var i = 0; i < 3; i++)
        {
            await door.SubmitFrameAsync(new CameraFrame(i, at.AddSeconds(15 * i), photo));
            await ClusterFixture.EventuallyAsync(door.GetStatusAsync, s => s.FramesAnalysed == i + 1, "the door frame analysed");
            await counters.SubmitFrameAsync(new CameraFrame(i, at.AddSeconds((15 * i) + 5), photo));
            await ClusterFixture.EventuallyAsync(counters.GetStatusAsync, s => s.FramesAnalysed == i + 1, "the counter frame analysed");
        }

        await ClusterFixture.EventuallyAsync(guide.GetRecentPushesAsync, p => p.Any(x => x.Kind == "strategy-card"), "a strategy card");
        Assert.Single(await guide.GetRecentPushesAsync(), p => p.Kind == "strategy-card");
        Assert.Single(await customer.GetVisitsAsync(), v => v.Reason.Contains("recognised"));
    }

    [Fact]
    public async Task A_customer_enrolled_from_one_photo_is_recognised_in_a_different_photo_of_her()
    {
        // The middle woman of sample3.jpg (its largest face) is the right-hand woman of sample1.jpg: two different
        // photos of one person, found by eye (see CrossPhotoIdentificationTests in the vision tests).
        var (hallId, _, customer) = await CustomerInNewRegionAsync("regular");
        await customer.GrantBiometricConsentAsync("clerk-1");
        await customer.EnrolFaceAsync((await FacePhotos.CropLargestAsync(Client, File.ReadAllBytes(Repository.Media("sample3.jpg"))))!, "clerk-1");
        var camera = Client.GetCamera(hallId, "cam-entrance");
        await camera.ConfigureAsync(new CameraConfig("Entrance", []));

        await camera.SubmitFrameAsync(new CameraFrame(1, fixture.Clock.GetUtcNow(), File.ReadAllBytes(Repository.Media("sample1.jpg"))));

        var snapshot = await ClusterFixture.EventuallyAsync(() => Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync(),
            s => s.Vision.Recognitions.Length > 0, "the customer recognised in the other photo", seconds: 30);
        var recognition = Assert.Single(snapshot.Vision.Recognitions);
        Assert.Equal(customer.GetPrimaryKeyString(), recognition.PersonId);
    }

    [Fact]
    public async Task Withdrawn_consent_removes_the_template_and_the_face_is_no_longer_recognised()
    {
        var (hallId, region, customer) = await CustomerInNewRegionAsync("regular");
        await customer.GrantBiometricConsentAsync("clerk-1");
        await customer.EnrolFaceAsync((await FacePhotos.CropLargestAsync(Client, File.ReadAllBytes(Repository.Media("sample3.jpg"))))!, "clerk-1");
        Assert.Equal(1, await Client.GetGrain<IFaceGalleryGrain>(region).CountAsync());

        await customer.WithdrawBiometricConsentAsync("clerk-2");

        Assert.Equal(0, await Client.GetGrain<IFaceGalleryGrain>(region).CountAsync());
        Assert.Null(await customer.GetBiometricConsentAsync());
        var camera = Client.GetCamera(hallId, "cam-after");
        await camera.ConfigureAsync(new CameraConfig("After", []));
        await camera.SubmitFrameAsync(new CameraFrame(1, fixture.Clock.GetUtcNow(), File.ReadAllBytes(Repository.Media("sample3.jpg"))));
        await ClusterFixture.EventuallyAsync(camera.GetStatusAsync, s => s.FramesAnalysed == 1 && s.FacesToday == 3, "the frame analysed");
        var snapshot = await ClusterFixture.EventuallyAsync(() => Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync(),
            s => s.Vision.Demographics.Sum(d => d.Visitors) == 3, "the hall to count 3 visitors");
        Assert.Empty(snapshot.Vision.Recognitions);
        Assert.Equal((1, 1, 0), (await AuditCountAsync(region, "enrol"), await AuditCountAsync(region, "remove"), await AuditCountAsync(region, "match")));
    }

    [Fact]
    public async Task Templates_are_stored_sealed_and_read_back_only_with_the_key()
    {
        var (_, region, customer) = await CustomerInNewRegionAsync("regular");
        await customer.GrantBiometricConsentAsync("clerk-1");
        await customer.EnrolFaceAsync((await FacePhotos.CropLargestAsync(Client, File.ReadAllBytes(Repository.Media("sample4.jpg"))))!, "clerk-1");
        var gallery = Client.GetGrain<IFaceGalleryGrain>(region);

        await fixture.Cluster.DeactivateAsync(gallery);

        Assert.Equal(1, await gallery.CountAsync());
        var stored = await StoredGalleryAsync(region);
        Assert.DoesNotContain(customer.GetPrimaryKeyString(), stored);
        Assert.Contains("Sealed", stored);
    }

    [Fact]
    public async Task A_face_already_enrolled_for_another_customer_of_the_region_is_refused_without_saying_whose()
    {
        var (hallId, region, first) = await CustomerInNewRegionAsync("regular");
        var second = Client.GetGrain<ICustomerGrain>($"cust-{Guid.NewGuid():N}"[..14]);
        await second.RegisterAsync("Second", hallId, []);
        foreach (var customer in new[] { first, second })
        {
            await customer.GrantBiometricConsentAsync("clerk-1");
        }

        var face = (await FacePhotos.CropLargestAsync(Client, File.ReadAllBytes(Repository.Media("sample4.jpg"))))!;
        await first.EnrolFaceAsync(face, "clerk-1");
        // Another photo of the same person: mirrored and darker, not a byte-for-byte copy.
        using var image = Cv2.ImDecode(face, ImreadModes.Color);
        using var other = new Mat();
        Cv2.Flip(image, other, FlipMode.Y);
        other.ConvertTo(other, -1, 0.85, -10);
        Cv2.ImEncode(".jpg", other, out var otherPhoto);

        var refused = await Assert.ThrowsAsync<RejectedRequestException>(() => second.EnrolFaceAsync(otherPhoto, "clerk-2"));
        await first.EnrolFaceAsync(otherPhoto, "clerk-1");

        Assert.Contains("already enrolled", refused.Message);
        Assert.DoesNotContain(first.GetPrimaryKeyString(), refused.Message);
        Assert.False(await second.IsEnrolledAsync());
        Assert.True(await first.IsEnrolledAsync());
        Assert.Equal(1, await Client.GetGrain<IFaceGalleryGrain>(region).CountAsync());
        Assert.Equal(1L, await AuditCountAsync(region, "enrol-refused"));
    }

    [Fact]
    public void Sealed_biometrics_cannot_be_opened_with_another_key_or_after_tampering()
    {
        var vault = new BiometricVault(RandomNumberGenerator.GetBytes(32));
        var sealedBytes = vault.Seal("template"u8, "gallery/ningbo");
        var tampered = (byte[])sealedBytes.Clone();
        tampered[^1] ^= 1;

        Assert.Equal("template"u8.ToArray(), vault.Open(sealedBytes, "gallery/ningbo"));
        Assert.ThrowsAny<CryptographicException>(() => new BiometricVault(RandomNumberGenerator.GetBytes(32)).Open(sealedBytes, "gallery/ningbo"));
        Assert.ThrowsAny<CryptographicException>(() => vault.Open(tampered, "gallery/ningbo"));
    }

    private async Task<(string HallId, string Region, ICustomerGrain Customer)> CustomerInNewRegionAsync(string tag)
    {
        var region = $"reg-{Guid.NewGuid():N}"[..12];
        var hallId = await fixture.OpenHallAsync(region);
        var customer = Client.GetGrain<ICustomerGrain>($"cust-{Guid.NewGuid():N}"[..14]);
        await customer.RegisterAsync("Customer", hallId, ImmutableSortedSet.Create(tag));
        return (hallId, region, customer);
    }

    private async Task<long> AuditCountAsync(string region, string action)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM hall_events WHERE kind = 'biometric-audit' AND hall_id = @h AND payload->>'action' = @a", connection);
        command.Parameters.AddWithValue("h", $"region:{region}");
        command.Parameters.AddWithValue("a", action);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> StoredGalleryAsync(string region)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE grain_id_ext = @r AND grain_type LIKE '%gallery%'", connection);
        command.Parameters.AddWithValue("r", region);
        return (string)(await command.ExecuteScalarAsync() ?? throw new Xunit.Sdk.XunitException($"no stored gallery for region {region}"));
    }
}
