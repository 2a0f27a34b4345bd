using System.Collections.Immutable;

namespace OrleansHall.Customer;

/// <summary>
/// What staff should know and do when a VIP or special-needs customer is recognised: who, their recent visits, and
/// the open appointment if any, the recommended action (<see cref="Action"/> is a key: "guide-to-vip-area",
/// "meet-at-door", "call-account-manager"; <see cref="ActionText"/> says it in words) and the top recommendations.
/// Sent once per visit, to the appointment's account manager first.
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
    [property: Id(8)] string ActionText,
    [property: Id(9)] Appointment? Appointment,
    [property: Id(10)] string? AccountManagerId,
    [property: Id(11)] ImmutableArray<Recommendation> Recommendations);
