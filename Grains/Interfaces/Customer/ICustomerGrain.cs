using System.Collections.Immutable;

namespace OrleansHall.Customer;

/// <summary>One customer: profile, tags and visit history.</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the customer's profile; the home hall must exist.</summary>
    Task RegisterAsync(string name, string homeHallId, ImmutableSortedSet<string> tags);

    Task<bool> ExistsAsync();

    /// <summary>The profile; throws <see cref="Common.UnknownEntityException"/> for an unknown customer.</summary>
    Task<CustomerProfile> GetProfileAsync();

    Task SetTagAsync(string tag, bool present);

    /// <summary>Records a visit (a ticket, a recognition at the door).</summary>
    Task RecordVisitAsync(Visit visit);

    /// <summary>Most recent visits, newest first.</summary>
    Task<ImmutableArray<Visit>> GetVisitsAsync();
}
