using System.Collections.Immutable;

namespace OrleansHall.Customer;

/// <summary>
/// A tag the customer's behaviour suggests, with its evidence: <see cref="Reason"/> in English for logs and the
/// command line, <see cref="ReasonArgs"/> the figures the console puts into its own sentence ("Suggest.&lt;tag&gt;").
/// Staff decide; nothing is tagged automatically.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TagSuggestion(
    [property: Id(0)] string Tag,
    [property: Id(1)] string Reason,
    [property: Id(2)] int Evidence)
{
    /// <summary>The figures in the reason, invariant culture.</summary>
    [Id(3)]
    public ImmutableArray<string> ReasonArgs { get; init; } = [];
}
