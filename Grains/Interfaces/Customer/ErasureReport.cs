namespace OrleansHall.Customer;

/// <summary>What an erasure removed: counts and yes/no only, nothing of the customer's data.</summary>
[GenerateSerializer, Immutable]
public sealed record ErasureReport(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] DateTimeOffset ErasedAt,
    [property: Id(2)] int Visits,
    [property: Id(3)] int Appointments,
    [property: Id(4)] int Consents,
    [property: Id(5)] bool FaceTemplate,
    [property: Id(6)] bool IdDocument,
    [property: Id(7)] int Halls);
