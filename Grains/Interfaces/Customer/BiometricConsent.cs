namespace OrleansHall.Customer;

/// <summary>A customer's recorded consent to face recognition: when, and which staff member recorded it.</summary>
[GenerateSerializer, Immutable]
public sealed record BiometricConsent(
    [property: Id(0)] DateTimeOffset GrantedAt,
    [property: Id(1)] string RecordedBy);
