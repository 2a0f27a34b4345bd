namespace OrleansHall.Customer;

/// <summary>How a visit came to be recorded.</summary>
public enum VisitKind
{
    /// <summary>Recorded before visits had a kind.</summary>
    Unknown,

    /// <summary>A ticket taken at the kiosk or the guide desk; <see cref="Visit.Wait"/> is set once it is called.</summary>
    Ticket,

    /// <summary>A self-service transaction at a kiosk by a customer who identified themselves there.</summary>
    Kiosk,

    /// <summary>A camera recognised the customer (once per visit window).</summary>
    Recognition,
}

/// <summary>A visit to a hall: when, where, and what for (the business type, or what saw the customer).</summary>
[GenerateSerializer, Immutable]
public sealed record Visit(
    [property: Id(0)] string HallId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Reason,
    [property: Id(3)] VisitKind Kind = VisitKind.Unknown,
    [property: Id(4)] string? TicketNumber = null,
    [property: Id(5)] TimeSpan? Wait = null,
    [property: Id(6)] Guid? EventId = null);
