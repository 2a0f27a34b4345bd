using System.Collections.Immutable;

namespace OrleansHall.Customer;

/// <summary>One customer: profile, tags and visit history.</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the customer's profile; the home hall must exist.</summary>
    Task RegisterAsync(string name, string homeHallId, ImmutableSortedSet<string> tags);

    Task<bool> ExistsAsync();

    /// <summary>
    /// The customer's home hall now belongs to region <paramref name="regionId"/>: any other region's gallery drops
    /// the template (enrol again to be recognised there). Called by the hall; a no-op once the customer's home is elsewhere.
    /// </summary>
    Task HomeHallMovedAsync(string hallId, string regionId);

    /// <summary>The profile; throws <see cref="Common.UnknownEntityException"/> for an unknown customer.</summary>
    Task<CustomerProfile> GetProfileAsync();

    Task SetTagAsync(string tag, bool present);

    /// <summary>Records a visit (a ticket, a kiosk transaction, a recognition at the door); one with a known event id once.</summary>
    Task RecordVisitAsync(Visit visit);

    /// <summary>The customer's ticket was called: its wait goes onto the visit the ticket recorded (a no-op for none).</summary>
    Task RecordWaitAsync(string hallId, string ticketNumber, DateTimeOffset issuedAt, TimeSpan wait);

    /// <summary>Tags of the library the customer's last 90 days suggest, each with its evidence; held tags never.</summary>
    Task<ImmutableArray<TagSuggestion>> GetTagSuggestionsAsync();

    /// <summary>Records the customer's consent to face recognition, taken by a staff member.</summary>
    Task GrantBiometricConsentAsync(string staffId);

    /// <summary>Withdraws consent: the face template is deleted from the region's gallery at once.</summary>
    Task WithdrawBiometricConsentAsync(string staffId);

    /// <summary>The recognition consent, if recorded.</summary>
    Task<BiometricConsent?> GetBiometricConsentAsync();

    /// <summary>Records consent to the scopes, taken by a staff member; each grant is an audit event.</summary>
    Task GrantConsentAsync(ImmutableArray<ConsentScope> scopes, string staffId);

    /// <summary>
    /// Withdraws the scopes (all of them when empty), as an audit event that keeps who and when. Withdrawing
    /// recognition deletes the face template from every gallery that holds it, withdrawing certificate-free deletes the
    /// ID document; both before this returns (and retried on the next activation if a store was down).
    /// </summary>
    Task WithdrawConsentAsync(ImmutableArray<ConsentScope> scopes, string staffId);

    /// <summary>The scopes consented to now, with when and by whom.</summary>
    Task<ImmutableDictionary<ConsentScope, BiometricConsent>> GetConsentsAsync();

    /// <summary>
    /// Enrols the customer's face (JPEG or PNG) for recognition at the door; refused without consent to
    /// recognition, and for a photo with no face, more than one face, or a face too small, saying which.
    /// </summary>
    Task EnrolFaceAsync(byte[] photo, string staffId);

    /// <summary>
    /// Books a visit at a hall for a business type of that hall, optionally with an account manager (a staff member of
    /// that hall), as an event; refused for a time more than an hour past or a year ahead.
    /// </summary>
    Task<Appointment> AddAppointmentAsync(string hallId, DateTimeOffset at, string businessType, string? accountManagerId, string bookedBy);

    /// <summary>Appointments not yet a day past, soonest first.</summary>
    Task<ImmutableArray<Appointment>> GetAppointmentsAsync();

    /// <summary>Whether a face template is held for the customer in some region's gallery (never the template).</summary>
    Task<bool> IsEnrolledAsync();

    /// <summary>Products and services worth offering, best first, each with a reason.</summary>
    Task<ImmutableArray<Recommendation>> GetRecommendationsAsync();

    /// <summary>Most recent visits, newest first.</summary>
    Task<ImmutableArray<Visit>> GetVisitsAsync();

    /// <summary>
    /// The customer's erasure request (PIPL art. 47), made through <paramref name="requestedBy"/>: the profile, tags,
    /// visits, appointments and consents, the face template in every gallery, the ID document, the halls' visitor
    /// ledgers, strategy cards and handheld pushes, and the home hall's directory entry are removed. The erasure is
    /// audited (event "customer-erased" of hall "customer:&lt;id&gt;") before anything is removed, and is all that is
    /// kept; a removal that fails is finished on the next activation. Returns what was removed.
    /// </summary>
    Task<ErasureReport> EraseAsync(string requestedBy);
}
