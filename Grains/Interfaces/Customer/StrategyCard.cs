using System.Collections.Immutable;

namespace OrleansHall.Customer;

/// <summary>
/// What staff should know and do when a VIP or special-needs customer is recognised: who, their recent visits, and
/// the recommended action (<see cref="Action"/> is a key: "guide-to-vip-area", "meet-at-door"; <see cref="ActionText"/>
/// says it in words). Sent once per visit.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StrategyCard(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string Name,
    [property: Id(2)] ImmutableSortedSet<string> Tags,
    [property: Id(3)] string HallId,
    [property: Id(4)] string CameraId,
    [property: Id(5)] DateTimeOffset SeenAt,
    [property: Id(6)] ImmutableArray<Visit> RecentVisits,
    [property: Id(7)] string Action,
    [property: Id(8)] string ActionText);
