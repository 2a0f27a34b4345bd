using System.Collections.Immutable;

namespace OrleansHall.Customer;

/// <summary>
/// The tag library: tags with a meaning to the queue, to staff or to the recommendations. The last three are
/// suggested from behaviour (<see cref="TagSuggestion"/>); any other tag is free text.
/// </summary>
public static class CustomerTags
{
    public const string Vip = "vip";
    public const string SpecialNeeds = "special-needs";
    public const string Enterprise = "enterprise";
    public const string EvOwner = "ev-owner";
    public const string Homeowner = "homeowner";
    public const string FrequentVisitor = "frequent-visitor";
    public const string LongWaits = "long-waits";
    public const string KioskUser = "kiosk-user";

    /// <summary>Every tag of the library, in the order the console offers them.</summary>
    public static readonly ImmutableArray<string> Library =
        [Vip, SpecialNeeds, Enterprise, EvOwner, Homeowner, FrequentVisitor, LongWaits, KioskUser];
}
