using System.Collections.Immutable;

namespace OrleansHall.Customer;

/// <summary>A customer of the utility as the halls know them.</summary>
[GenerateSerializer, Immutable]
public sealed record CustomerProfile(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string HomeHallId,
    [property: Id(3)] ImmutableSortedSet<string> Tags)
{
    public bool IsVip => Tags.Contains(CustomerTags.Vip);

    public bool HasSpecialNeeds => Tags.Contains(CustomerTags.SpecialNeeds);
}
