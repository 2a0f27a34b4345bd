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

    /// <summary>Records the customer's consent to face recognition, taken by a staff member.</summary>
    Task GrantBiometricConsentAsync(string staffId);

    /// <summary>Withdraws consent: the face template is deleted from the region's gallery at once.</summary>
    Task WithdrawBiometricConsentAsync(string staffId);

    Task<BiometricConsent?> GetBiometricConsentAsync();

    /// <summary>
    /// Enrols the largest face in the photo for recognition at the door; refused without recorded consent or
    /// when the photo has no face.
    /// </summary>
    Task EnrolFaceAsync(byte[] photo, string staffId);

    /// <summary>Most recent visits, newest first.</summary>
    Task<ImmutableArray<Visit>> GetVisitsAsync();
}
