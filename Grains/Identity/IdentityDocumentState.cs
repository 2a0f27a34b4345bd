using System.Collections.Immutable;
using OrleansHall.Grains.Common;

namespace OrleansHall.Grains.Identity;

/// <summary>
/// As stored: the document and face templates sealed together by <see cref="Gallery.BiometricVault"/>, and only
/// what the console may show in clear (when and where it was captured, how often verified).
/// </summary>
[GenerateSerializer]
public sealed record IdentityDocumentState : IJournaled<IdentityDocumentState>
{
    [Id(0)] public Guid? DocumentId { get; init; }

    [Id(1)] public byte[]? Sealed { get; init; }

    [Id(2)] public DateTimeOffset? CapturedAt { get; init; }

    [Id(3)] public string? HallId { get; init; }

    [Id(4)] public string? DeviceId { get; init; }

    [Id(5)] public int Verifications { get; init; }

    [Id(6)] public EventJournal Journal { get; init; } = EventJournal.Empty;

    /// <summary>When verifications failed within the last window (see <see cref="IdentityDocumentGrain.MaxFailedVerifications"/>).</summary>
    [Id(7)] public ImmutableArray<DateTimeOffset> FailedVerifications { get; init; } = [];

    public IdentityDocumentState WithJournal(EventJournal journal) => this with { Journal = journal };
}

/// <summary>What the seal holds: the card's content and the two face templates (card photo, live face at capture).</summary>
internal sealed record SealedIdentity(string Name, string IdNumber, byte[] IdPhoto, float[] IdTemplate, float[] LiveTemplate);
