using OrleansHall.Grains.Common;
using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using OrleansHall.Camera;
using OrleansHall.Gallery;
using OrleansHall.Common;
using OrleansHall.Customer;
using OrleansHall.Hall;

namespace OrleansHall.Grains.Customer;

public sealed class CustomerGrain(
    [PersistentState("customer", StorageNames.Grains)] IPersistentState<CustomerState> state,
    [FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock) : Grain, ICustomerGrain
{
    public const int VisitsKept = 20;

    private string CustomerId => this.GetPrimaryKeyString();

    public async Task RegisterAsync(string name, string homeHallId, ImmutableSortedSet<string> tags)
    {
        Keys.Validate(CustomerId, "customer id");
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new RejectedRequestException($"Customer name '{name}' must be 1-100 characters.");
        }

        foreach (var tag in tags)
        {
            Keys.Validate(tag, "tag");
        }

        if (!await GrainFactory.GetGrain<IHallGrain>(homeHallId).ExistsAsync())
        {
            throw new UnknownEntityException("hall", homeHallId);
        }

        await state.SaveAsync(state.State with { Profile = new CustomerProfile(CustomerId, name.Trim(), homeHallId, tags) }, this);
    }

    public Task<bool> ExistsAsync() => Task.FromResult(state.State.Profile is not null);

    public Task<CustomerProfile> GetProfileAsync() => Task.FromResult(Profile());

    public async Task SetTagAsync(string tag, bool present)
    {
        Keys.Validate(tag, "tag");
        var profile = Profile();
        var tags = present ? profile.Tags.Add(tag) : profile.Tags.Remove(tag);
        await state.SaveAsync(state.State with { Profile = profile with { Tags = tags } }, this);
    }

    public async Task RecordVisitAsync(Visit visit)
    {
        Profile();
        var visits = state.State.Visits.Insert(0, visit);
        await state.SaveAsync(state.State with { Visits = visits.Length > VisitsKept ? visits.RemoveAt(visits.Length - 1) : visits }, this);
    }

    public async Task GrantBiometricConsentAsync(string staffId)
    {
        Profile();
        Keys.Validate(staffId, "staff id");
        await state.SaveAsync(state.State with { Consent = new BiometricConsent(clock.GetUtcNow(), staffId) }, this);
    }

    public async Task WithdrawBiometricConsentAsync(string staffId)
    {
        var profile = Profile();
        await state.SaveAsync(state.State with { Consent = null }, this);
        await (await GalleryAsync(profile)).RemoveAsync(CustomerId, staffId);
    }

    public Task<BiometricConsent?> GetBiometricConsentAsync() => Task.FromResult(state.State.Consent);

    public async Task EnrolFaceAsync(byte[] photo, string staffId)
    {
        var profile = Profile();
        Keys.Validate(staffId, "staff id");
        if (state.State.Consent is null)
        {
            throw new RejectedRequestException($"Customer '{CustomerId}' has not consented to face recognition: record consent before enrolling a face.");
        }

        var faces = await GrainFactory.GetGrain<IVisionPool>(0).AnalyzeFacesAsync(photo);
        var largest = faces.Faces.OrderByDescending(f => f.Width * f.Height).FirstOrDefault()
            ?? throw new RejectedRequestException($"No face found in the {faces.Width}x{faces.Height} photo for customer '{CustomerId}'.");

        // The template goes straight to the sealed gallery; the customer's own state never holds it.
        await (await GalleryAsync(profile)).EnrolAsync(CustomerId, largest.Template, staffId);
    }

    public Task<ImmutableArray<Visit>> GetVisitsAsync() => Task.FromResult(state.State.Visits);

    private async Task<IFaceGalleryGrain> GalleryAsync(CustomerProfile profile)
    {
        var hall = await GrainFactory.GetGrain<IHallGrain>(profile.HomeHallId).GetConfigAsync();
        return GrainFactory.GetGrain<IFaceGalleryGrain>(hall.RegionId);
    }

    private CustomerProfile Profile() => state.State.Profile ?? throw new UnknownEntityException("customer", CustomerId);
}
