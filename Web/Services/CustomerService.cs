using System.Collections.Immutable;
using OrleansHall.Customer;
using OrleansHall.Identity;
using OrleansHall.Staff;

namespace OrleansHall.Web.Services;

/// <summary>One customer as the console lists them: profile, consents, whether a face and an ID are held (never what).</summary>
public sealed record CustomerRow(CustomerProfile Profile, ImmutableDictionary<ConsentScope, BiometricConsent> Consents, bool FaceEnrolled, DocumentStatus Document);

/// <summary>Everything the customer pages read and do, as the signed-in user (who is recorded as the staff member).</summary>
public sealed class CustomerService(ClusterConnection cluster)
{
    public async Task<IReadOnlyList<CustomerRow>> ListAsync(string hallId)
    {
        var ids = await Client.GetGrain<ICustomerDirectoryGrain>(hallId).GetAsync();
        var rows = await Task.WhenAll(ids.Select(RowAsync));
        return [.. rows.OrderBy(r => r.Profile.CustomerId, StringComparer.Ordinal)];
    }

    public async Task<CustomerRow> RowAsync(string customerId)
    {
        var customer = Customer(customerId);
        var profile = await customer.GetProfileAsync();
        return new CustomerRow(profile, await customer.GetConsentsAsync(), await customer.IsEnrolledAsync(), await Documents(customerId).GetStatusAsync());
    }

    /// <summary>The customer's row if they exist and their home is <paramref name="hallId"/>; null otherwise (unknown and elsewhere alike).</summary>
    public async Task<CustomerRow?> RowInHallAsync(string customerId, string hallId)
    {
        if (!OrleansHall.Common.Keys.IsValid(customerId) || !await Customer(customerId).ExistsAsync())
        {
            return null;
        }

        var row = await RowAsync(customerId);
        return row.Profile.HomeHallId == hallId ? row : null;
    }

    public Task<ImmutableArray<Visit>> GetVisitsAsync(string customerId) => Customer(customerId).GetVisitsAsync();

    public Task<ImmutableArray<Appointment>> GetAppointmentsAsync(string customerId) => Customer(customerId).GetAppointmentsAsync();

    public Task<ImmutableArray<Recommendation>> GetRecommendationsAsync(string customerId) => Customer(customerId).GetRecommendationsAsync();

    public Task<ImmutableArray<TagSuggestion>> GetTagSuggestionsAsync(string customerId) => Customer(customerId).GetTagSuggestionsAsync();

    public Task SetTagAsync(string customerId, string tag, bool present) => Customer(customerId).SetTagAsync(tag, present);

    public Task GrantAsync(string customerId, ConsentScope scope, string who) => Customer(customerId).GrantConsentAsync([scope], who);

    public Task WithdrawAsync(string customerId, ConsentScope scope, string who) => Customer(customerId).WithdrawConsentAsync([scope], who);

    public Task EnrolAsync(string customerId, byte[] photo, string who) => Customer(customerId).EnrolFaceAsync(photo, who);

    public Task<Appointment> BookAsync(string customerId, string hallId, DateTimeOffset at, string businessType, string? accountManager, string who)
        => Customer(customerId).AddAppointmentAsync(hallId, at, businessType, accountManager, who);

    public Task<VerificationResult> VerifyAsync(string customerId, string hallId, string who, string purpose, byte[] livePhoto)
        => Documents(customerId).VerifyAsync(new VerificationRequest(hallId, who, purpose, livePhoto));

    public Task<ImmutableArray<AuditEntry>> GetAuditAsync(string hallId, DateTimeOffset from, DateTimeOffset to)
        => Client.GetGrain<IHallAuditGrain>(hallId).GetEntriesAsync(from, to, 2000);

    public Task<bool> ExistsAsync(string customerId) => Customer(customerId).ExistsAsync();

    /// <summary>Erases a customer whose home is <paramref name="hallId"/> (checked here, not only in the URL); refused for any other.</summary>
    public async Task<ErasureReport> EraseAsync(string customerId, string hallId, string who)
    {
        if (await RowInHallAsync(customerId, hallId) is null)
        {
            throw new OrleansHall.Common.UnknownEntityException("customer", customerId);
        }

        return await Customer(customerId).EraseAsync(who);
    }

    public async Task<ImmutableArray<string>> GetBusinessTypesAsync(string hallId)
        => (await Client.GetGrain<OrleansHall.Hall.IHallGrain>(hallId).GetConfigAsync()).BusinessTypes;

    private IClusterClient Client => cluster.RequireClient();

    private ICustomerGrain Customer(string id) => Client.GetGrain<ICustomerGrain>(id);

    private IIdentityDocumentGrain Documents(string id) => Client.GetGrain<IIdentityDocumentGrain>(id);
}
