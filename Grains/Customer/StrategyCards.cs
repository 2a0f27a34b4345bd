using System.Collections.Immutable;
using OrleansHall.Customer;

namespace OrleansHall.Grains.Customer;

/// <summary>Builds the card staff get when a VIP or special-needs customer is recognised: pure, from the profile and visits.</summary>
public static class StrategyCards
{
    public const int VisitsShown = 3;

    public static StrategyCard For(CustomerProfile profile, ImmutableArray<Visit> visits, string hallId, string cameraId, DateTimeOffset at)
    {
        // The visit just recorded is the first; the card shows the ones before it.
        var earlier = visits.Where(v => v.At < at).Take(VisitsShown).ToImmutableArray();
        var (action, text) = profile.HasSpecialNeeds
            ? ("meet-at-door", "Meet them at the door, fetch a chair, and take them to a counter without queueing.")
            : ("guide-to-vip-area", "Greet them by name and guide them to the VIP area; their ticket goes to the priority lane.");
        return new StrategyCard(profile.CustomerId, profile.Name, profile.Tags, hallId, cameraId, at, earlier, action, text);
    }
}
