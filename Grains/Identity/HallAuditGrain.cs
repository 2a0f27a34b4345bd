using System.Collections.Immutable;
using OrleansHall.Grains.Common;
using OrleansHall.Grains.Events;
using OrleansHall.Identity;

namespace OrleansHall.Grains.Identity;

/// <summary>Reads a hall's audit entries back from the event log; holds no state of its own.</summary>
public sealed class HallAuditGrain(IEventLog eventLog) : Grain, IHallAuditGrain
{
    public async Task<ImmutableArray<AuditEntry>> GetEntriesAsync(DateTimeOffset from, DateTimeOffset to, int limit = 500)
    {
        if (limit is < 1 or > 5000)
        {
            throw new OrleansHall.Common.RejectedRequestException($"Ask for 1-5000 audit entries, not {limit}.");
        }

        if (to <= from)
        {
            throw new OrleansHall.Common.RejectedRequestException($"The audit window must end after it starts ({from:O} to {to:O}).");
        }

        var events = await eventLog.ReadAsync(IdentityDocumentGrain.AuditHall(this.GetPrimaryKeyString()), from, to);
        return [.. events.OrderByDescending(e => e.At).Take(limit).Select(Entry)];
    }

    private static AuditEntry Entry(HallEvent e)
    {
        var p = EventFactory.Payload<AuditPayload>(e) ?? new AuditPayload(null, null, null, null, null, null);
        return new AuditEntry(e.At, e.Kind, e.Subject, p.Actor ?? "?", p.Document, p.Purpose, p.Reason, p.Transaction, p.Approver);
    }

    private sealed record AuditPayload(string? Actor, Guid? Document, string? Purpose, string? Reason, Guid? Transaction, string? Approver);
}
