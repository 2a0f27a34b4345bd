using System.Collections.Immutable;

namespace OrleansHall.Identity;

/// <summary>
/// A hall's certificate-free audit log (keyed by hall id), read-only: every ID capture, verification, document read
/// and deletion, with who, when, which customer, which document and why. Entries are appended by the identity
/// grains to the append-only event log; nothing here can change or remove one.
/// </summary>
public interface IHallAuditGrain : IGrainWithStringKey
{
    /// <summary>Entries in [from, to), newest first, at most <paramref name="limit"/> (1-5000).</summary>
    Task<ImmutableArray<AuditEntry>> GetEntriesAsync(DateTimeOffset from, DateTimeOffset to, int limit = 500);
}

/// <summary>One audit entry; it never carries an ID number or a face template.</summary>
[GenerateSerializer, Immutable]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Action,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] string Actor,
    [property: Id(4)] Guid? DocumentId,
    [property: Id(5)] string? Purpose,
    [property: Id(6)] string? Reason,
    [property: Id(7)] Guid? TransactionId,
    [property: Id(8)] string? ApprovedBy = null);
