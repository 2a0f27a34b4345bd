using System.Collections.Immutable;
using OrleansHall.Customer;

namespace OrleansHall.Grains.Customer;

[GenerateSerializer]
public sealed record CustomerState
{
    [Id(0)] public CustomerProfile? Profile { get; init; }

    /// <summary>Newest first, at most <see cref="CustomerGrain.VisitsKept"/>.</summary>
    [Id(1)] public ImmutableArray<Visit> Visits { get; init; } = [];

    [Id(2)] public BiometricConsent? Consent { get; init; }
}
