using System.Collections.Immutable;

namespace OrleansHall.Customer;

/// <summary>The customers whose home hall this is (keyed by hall id), kept by the customer grains as they register or move.</summary>
public interface ICustomerDirectoryGrain : IGrainWithStringKey
{
    Task AddAsync(string customerId);

    Task RemoveAsync(string customerId);

    Task<ImmutableSortedSet<string>> GetAsync();
}
