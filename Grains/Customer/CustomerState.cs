using OrleansHall.Grains.Common;
using System.Collections.Immutable;
using OrleansHall.Customer;

namespace OrleansHall.Grains.Customer;

[GenerateSerializer]
public sealed record CustomerState : IJournaled<CustomerState>
{
    [Id(0)] public CustomerProfile? Profile { get; init; }

    /// <summary>Newest first, at most <see cref="CustomerGrain.VisitsKept"/>.</summary>
    [Id(1)] public ImmutableArray<Visit> Visits { get; init; } = [];

    /// <summary>Recognition consent as stored before consent had scopes; read as the recognition scope.</summary>
    [Id(2)] public BiometricConsent? Consent { get; init; }

    [Id(3)] public ImmutableDictionary<ConsentScope, BiometricConsent> Consents { get; init; } = ImmutableDictionary<ConsentScope, BiometricConsent>.Empty;

    /// <summary>Regions whose gallery holds (or may hold) this customer's template; cleared only once removed there.</summary>
    [Id(4)] public ImmutableSortedSet<string> EnrolledIn { get; init; } = [];

    /// <summary>Regions whose gallery must drop the template (consent withdrawn, moved region); retried until done.</summary>
    [Id(5)] public ImmutableSortedSet<string> RemoveFrom { get; init; } = [];

    /// <summary>Certificate-free consent withdrawn: the identity document must be deleted; retried until done.</summary>
    [Id(7)] public bool DeleteDocument { get; init; }

    /// <summary>Booked visits, soonest first; past ones are dropped a day after their time.</summary>
    [Id(8)] public ImmutableArray<Appointment> Appointments { get; init; } = [];

    /// <summary>
    /// Set when the customer asked to be erased: what was removed (counts only). While <see cref="ForgetIn"/> is not
    /// empty the erasure is still under way; afterwards it is all this grain keeps.
    /// </summary>
    [Id(9)] public ErasureReport? Erasure { get; init; }

    /// <summary>Halls whose ledgers, cards, handhelds and directory must still forget the erased customer.</summary>
    [Id(10)] public ImmutableSortedSet<string> ForgetIn { get; init; } = [];

    /// <summary>Who asked for the erasure, for the audit of the removals it makes; null once it is done.</summary>
    [Id(11)] public string? ErasedBy { get; init; }

    /// <summary>Staff (account managers of the customer's appointments) whose handhelds must still forget the customer.</summary>
    [Id(12)] public ImmutableSortedSet<string> ForgetStaff { get; init; } = [];

    /// <summary>An erasure was recorded and its removals are not all done.</summary>
    public bool ErasurePending => Erasure is not null && ErasedBy is not null;

    [Id(6)] public EventJournal Journal { get; init; } = EventJournal.Empty;

    /// <summary>The scopes in force, the old single consent included.</summary>
    public ImmutableDictionary<ConsentScope, BiometricConsent> Scopes =>
        Consent is { } old && !Consents.ContainsKey(ConsentScope.Recognition) ? Consents.SetItem(ConsentScope.Recognition, old) : Consents;

    public CustomerState WithJournal(EventJournal journal) => this with { Journal = journal };
}
