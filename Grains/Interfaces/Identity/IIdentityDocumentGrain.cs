namespace OrleansHall.Identity;

/// <summary>
/// A customer's identity document for certificate-free service (keyed by customer id). Captured once by an ID-card
/// reader, with the live face matched 1:1 against the card's photo and checked for liveness; sealed with AES-GCM (key
/// outside the database). Later visits verify the live face against the stored template and release the document for
/// one transaction. Every capture, verification and release is an audit event of the hall where it happened.
/// </summary>
public interface IIdentityDocumentGrain : IGrainWithStringKey
{
    /// <summary>First visit: creates (or replaces) the document when the faces match, the face is live and the customer consented.</summary>
    Task<IdCaptureResult> CaptureAsync(IdCapture capture);

    /// <summary>Later visit: verifies the live face; on success the document is released for this one transaction.</summary>
    Task<VerificationResult> VerifyAsync(VerificationRequest request);

    /// <summary>Whether a document is held, when and where it was captured; never its content.</summary>
    Task<DocumentStatus> GetStatusAsync();

    /// <summary>Deletes the document and template (certificate-free consent withdrawn); audited.</summary>
    Task DeleteAsync(string actor);

    /// <summary>
    /// Seals the document again under the vault's current key if another sealed it (key rotation); returns the id of
    /// the key it was sealed under before, or null when no document is held.
    /// </summary>
    Task<string?> ResealAsync();
}
