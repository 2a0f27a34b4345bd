using System.Collections.Immutable;

namespace OrleansHall.Customer;

/// <summary>
/// A product or service worth offering, with a one-line reason. <see cref="Key"/> names it for the console's
/// translations ("auto-pay", "e-bill", ...); <see cref="Title"/> and <see cref="Reason"/> are English, for handhelds
/// and logs; the console composes the reason in its own language from <see cref="ReasonKey"/> and <see cref="ReasonArgs"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Recommendation(
    [property: Id(0)] string Key,
    [property: Id(1)] string Title,
    [property: Id(2)] string Reason,
    [property: Id(3)] double Score,
    [property: Id(4)] string ReasonKey = "")
{
    /// <summary>The figures in the reason, invariant culture; empty (never default) in cards stored before they existed.</summary>
    [Id(5)]
    public ImmutableArray<string> ReasonArgs { get; init; } = [];
}
