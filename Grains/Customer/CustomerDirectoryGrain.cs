using System.Collections.Immutable;
using OrleansHall.Common;
using OrleansHall.Customer;
using OrleansHall.Grains.Common;

namespace OrleansHall.Grains.Customer;

[GenerateSerializer]
public sealed record CustomerDirectoryState
{
    [Id(0)] public ImmutableSortedSet<string> CustomerIds { get; init; } = [];
}

/// <summary>A hall's customer ids, for the console's customer list; each change saved before it answers.</summary>
public sealed class CustomerDirectoryGrain(
    [PersistentState("customer-directory", StorageNames.Grains)] IPersistentState<CustomerDirectoryState> state) : Grain, ICustomerDirectoryGrain
{
    public async Task AddAsync(string customerId)
    {
        Keys.Validate(customerId, "customer id");
        if (!state.State.CustomerIds.Contains(customerId))
        {
            await state.SaveAsync(state.State with { CustomerIds = state.State.CustomerIds.Add(customerId) }, this);
        }
    }

    public async Task RemoveAsync(string customerId)
    {
        if (state.State.CustomerIds.Contains(customerId))
        {
            await state.SaveAsync(state.State with { CustomerIds = state.State.CustomerIds.Remove(customerId) }, this);
        }
    }

    public Task<ImmutableSortedSet<string>> GetAsync() => Task.FromResult(state.State.CustomerIds);
}
