using System.Collections.Immutable;
using OrleansHall.Common;
using OrleansHall.Customer;
using OrleansHall.Hall;

namespace OrleansHall.Grains.Customer;

public sealed class CustomerGrain(
    [PersistentState("customer", StorageNames.Grains)] IPersistentState<CustomerState> state) : Grain, ICustomerGrain
{
    public const int VisitsKept = 100;

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

        state.State = state.State with { Profile = new CustomerProfile(CustomerId, name.Trim(), homeHallId, tags) };
        await state.WriteStateAsync();
    }

    public Task<bool> ExistsAsync() => Task.FromResult(state.State.Profile is not null);

    public Task<CustomerProfile> GetProfileAsync() => Task.FromResult(Profile());

    public async Task SetTagAsync(string tag, bool present)
    {
        Keys.Validate(tag, "tag");
        var profile = Profile();
        var tags = present ? profile.Tags.Add(tag) : profile.Tags.Remove(tag);
        state.State = state.State with { Profile = profile with { Tags = tags } };
        await state.WriteStateAsync();
    }

    public async Task RecordVisitAsync(Visit visit)
    {
        Profile();
        var visits = state.State.Visits.Insert(0, visit);
        state.State = state.State with { Visits = visits.Length > VisitsKept ? visits.RemoveAt(visits.Length - 1) : visits };
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<Visit>> GetVisitsAsync() => Task.FromResult(state.State.Visits);

    private CustomerProfile Profile() => state.State.Profile ?? throw new UnknownEntityException("customer", CustomerId);
}
