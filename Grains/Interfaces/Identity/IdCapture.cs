namespace OrleansHall.Identity;

/// <summary>
/// What an ID-card reader read from the card (name, number, chip photo) and the live photo its camera took.
/// <see cref="ApprovedBy"/> names the hall's staff member who approves replacing a document already held.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IdCapture(
    [property: Id(0)] string HallId,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] string Name,
    [property: Id(3)] string IdNumber,
    [property: Id(4)] byte[] IdPhoto,
    [property: Id(5)] byte[] LivePhoto,
    [property: Id(6)] string? ApprovedBy = null)
{
    // Keeps the ID number out of anything that prints the record.
    public override string ToString() => $"IdCapture {{ HallId = {HallId}, DeviceId = {DeviceId}, IdNumber = {IdNumbers.Mask(IdNumber)} }}";
}

/// <summary>The outcome of a capture: created or not, the scores, and why not.</summary>
[GenerateSerializer, Immutable]
public sealed record IdCaptureResult(
    [property: Id(0)] bool Captured,
    [property: Id(1)] float Similarity,
    [property: Id(2)] float Liveness,
    [property: Id(3)] string? Reason,
    [property: Id(4)] string Message,
    [property: Id(5)] Guid? DocumentId);

/// <summary>A verification at a counter: which hall, who asks, why, and the live photo.</summary>
[GenerateSerializer, Immutable]
public sealed record VerificationRequest(
    [property: Id(0)] string HallId,
    [property: Id(1)] string StaffId,
    [property: Id(2)] string Purpose,
    [property: Id(3)] byte[] LivePhoto);

/// <summary>The outcome of a verification; <see cref="Document"/> only when verified.</summary>
[GenerateSerializer, Immutable]
public sealed record VerificationResult(
    [property: Id(0)] bool Verified,
    [property: Id(1)] float Similarity,
    [property: Id(2)] float Liveness,
    [property: Id(3)] string? Reason,
    [property: Id(4)] string Message,
    [property: Id(5)] ReleasedDocument? Document);

/// <summary>The document released for one transaction: the clerk's system uses it and keeps nothing.</summary>
[GenerateSerializer, Immutable]
public sealed record ReleasedDocument(
    [property: Id(0)] Guid DocumentId,
    [property: Id(1)] Guid TransactionId,
    [property: Id(2)] string Name,
    [property: Id(3)] string IdNumber)
{
    public string MaskedIdNumber => IdNumbers.Mask(IdNumber);

    public override string ToString() => $"ReleasedDocument {{ DocumentId = {DocumentId}, TransactionId = {TransactionId}, IdNumber = {MaskedIdNumber} }}";
}

/// <summary>Whether a document is held; its content never leaves the grain this way.</summary>
[GenerateSerializer, Immutable]
public sealed record DocumentStatus(
    [property: Id(0)] bool Held,
    [property: Id(1)] Guid? DocumentId,
    [property: Id(2)] DateTimeOffset? CapturedAt,
    [property: Id(3)] string? HallId,
    [property: Id(4)] int Verifications);

/// <summary>Why a capture or verification failed, as the command line and the console show it.</summary>
public static class IdentityReasons
{
    public const string NoConsent = "no-consent";
    public const string NoFace = "no-face";
    public const string SeveralFaces = "several-faces";
    public const string Mismatch = "mismatch";
    public const string SpoofSuspected = "spoof-suspected";
    public const string NoDocument = "no-document";

    /// <summary>A document is held: replacing it needs a staff member's approval.</summary>
    public const string ApprovalNeeded = "approval-needed";

    /// <summary>The live face at a replacement is not the face of the document held.</summary>
    public const string ReplacementMismatch = "replacement-mismatch";

    /// <summary>Too many failed verifications of this customer lately: refused without looking at the face.</summary>
    public const string TooManyFailures = "too-many-failures";
}
