using System.Collections.Immutable;
using System.Numerics.Tensors;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansHall.Camera;
using OrleansHall.Common;
using OrleansHall.Customer;
using OrleansHall.Device;
using OrleansHall.Grains.Common;
using OrleansHall.Grains.Events;
using OrleansHall.Grains.Gallery;
using OrleansHall.Identity;
using OrleansHall.Staff;
using OrleansHall.Vision.Gallery;

namespace OrleansHall.Grains.Identity;

/// <summary>
/// Certificate-free service for one customer (key: customer id). The card's name, number and photo and the face
/// templates are sealed with AES-GCM before they are saved; the number is never logged, only masked. Every
/// capture, verification and release is an audit event of the hall (<see cref="AuditHall"/>), made durable before
/// the caller gets an answer, so no document is released without its audit record.
/// </summary>
public sealed class IdentityDocumentGrain(
    [PersistentState("identity", StorageNames.Grains)] IPersistentState<IdentityDocumentState> state,
    BiometricVault vault,
    IEventLog eventLog,
    [FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock) : Grain, IIdentityDocumentGrain
{
    /// <summary>Two faces are the same person at this template similarity or above (the gallery's threshold).</summary>
    public const float MatchThreshold = FaceGallery.RecommendedThreshold;

    /// <summary>A face scoring below this liveness is refused as a suspected spoof (calibration in the README).</summary>
    public const float LivenessThreshold = 0.5f;

    /// <summary>Largest photo accepted from a reader or a counter camera.</summary>
    public const int MaxPhotoBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Failed verifications of one customer allowed within <see cref="FailureWindow"/>; after that, verification is
    /// refused without looking at the face, so nobody can try faces against a held document until one passes.
    /// </summary>
    public const int MaxFailedVerifications = 5;

    public static readonly TimeSpan FailureWindow = TimeSpan.FromHours(1);

    /// <summary>The audit log of a hall: the event log's hall id under which its certificate-free events are kept.</summary>
    public static string AuditHall(string hallId) => Keys.AuditPrefix + hallId;

    private string CustomerId => this.GetPrimaryKeyString();

    /// <summary>What the sealed document is bound to: it opens only as this customer's.</summary>
    private string SealContext => $"identity/{CustomerId}";

    /// <summary>An audit event saved with the state but not yet in the log (the log was down) is logged now.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
        => await state.FlushAsync(eventLog);

    public async Task<IdCaptureResult> CaptureAsync(IdCapture capture)
    {
        ArgumentNullException.ThrowIfNull(capture);
        Keys.Validate(capture.HallId, "hall id");
        Keys.Validate(capture.DeviceId, "device id");
        if (string.IsNullOrWhiteSpace(capture.Name) || capture.Name.Length > 100)
        {
            throw new RejectedRequestException($"The name read from the card must be 1-100 characters, got {capture.Name?.Length ?? 0}.");
        }

        if (IdNumbers.Problem(capture.IdNumber) is { } problem)
        {
            throw new RejectedRequestException($"Refused: {problem}.");
        }

        RequirePhoto(capture.IdPhoto, "ID photo");
        RequirePhoto(capture.LivePhoto, "live photo");
        var reader = await GrainFactory.GetDevice(capture.HallId, capture.DeviceId).GetStatusAsync();
        if (reader.Kind != DeviceKind.IdCardReader)
        {
            throw new RejectedRequestException($"Device '{capture.DeviceId}' of hall '{capture.HallId}' is a {reader.Kind}, not an ID-card reader.");
        }

        if (capture.ApprovedBy is { } approver)
        {
            await RequireStaffOfHallAsync(approver, capture.HallId);
        }

        var customer = await CustomerAsync();
        var result = await JudgeCaptureAsync(capture, customer);
        var now = clock.GetUtcNow();
        if (result.Result.Captured)
        {
            var identity = new SealedIdentity(capture.Name.Trim(), capture.IdNumber.ToUpperInvariant(), capture.IdPhoto, result.IdTemplate!, result.LiveTemplate!);
            var documentId = Guid.NewGuid();
            var audit = state.State.DocumentId is { } replaced
                ? Audit(capture.HallId, "document-replaced", now, new { Actor = capture.DeviceId, Approver = capture.ApprovedBy, Document = documentId, result.Result.Similarity, result.Result.Liveness, Replaced = replaced })
                : Audit(capture.HallId, "document-created", now, new { Actor = capture.DeviceId, Document = documentId, result.Result.Similarity, result.Result.Liveness });
            await state.ApplyAsync(state.State with
            {
                DocumentId = documentId,
                Sealed = vault.Seal(JsonSerializer.SerializeToUtf8Bytes(identity), SealContext),
                CapturedAt = now,
                HallId = capture.HallId,
                DeviceId = capture.DeviceId,
                Verifications = 0,
                FailedVerifications = [],
            }, audit, eventLog, this);
            result = result with { Result = result.Result with { DocumentId = documentId } };
        }
        else
        {
            await eventLog.AppendAsync(Audit(capture.HallId, "capture-refused", now, new { Actor = capture.DeviceId, Approver = capture.ApprovedBy, result.Result.Reason, result.Result.Similarity, result.Result.Liveness }));
        }

        await GrainFactory.GetDevice(capture.HallId, capture.DeviceId)
            .RecordUsageAsync(new DeviceUsage(Guid.NewGuid(), "certificate-free", result.Result.Captured, now));
        return result.Result;
    }

    public async Task<VerificationResult> VerifyAsync(VerificationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Keys.Validate(request.HallId, "hall id");
        Keys.Validate(request.StaffId, "staff id");
        if (string.IsNullOrWhiteSpace(request.Purpose) || request.Purpose.Length > 200)
        {
            throw new RejectedRequestException($"Say why the document is needed (1-200 characters), got {request.Purpose?.Length ?? 0}.");
        }

        RequirePhoto(request.LivePhoto, "live photo");
        var customer = await CustomerAsync();
        var now = clock.GetUtcNow();
        var recentFailures = state.State.FailedVerifications.Where(at => at > now - FailureWindow).ToImmutableArray();
        if (recentFailures.Length >= MaxFailedVerifications)
        {
            var minutes = (int)Math.Ceiling((recentFailures.Min() + FailureWindow - now).TotalMinutes);
            await eventLog.AppendAsync(Audit(request.HallId, "verify-refused", now, new { Actor = request.StaffId, Document = state.State.DocumentId, request.Purpose, Reason = IdentityReasons.TooManyFailures }));
            return new VerificationResult(false, 0, 0, IdentityReasons.TooManyFailures,
                $"{recentFailures.Length} verifications of {customer.Name} failed within {FailureWindow.TotalMinutes:F0} minutes: verification is refused for {minutes} more minutes. Check the card by hand.", null);
        }

        var (verified, similarity, liveness, reason, message) = await JudgeVerificationAsync(request, customer);
        if (!verified)
        {
            var refused = Audit(request.HallId, "verify-refused", now, new { Actor = request.StaffId, Document = state.State.DocumentId, request.Purpose, Reason = reason, Similarity = similarity, Liveness = liveness });
            if (reason is IdentityReasons.NoConsent or IdentityReasons.NoDocument)
            {
                // Nothing was compared, so nothing was learnt about the held face: not counted as a failed attempt.
                await eventLog.AppendAsync(refused);
            }
            else
            {
                await state.ApplyAsync(state.State with { FailedVerifications = recentFailures.Add(now) }, refused, eventLog, this);
            }

            return new VerificationResult(false, similarity, liveness, reason, message, null);
        }

        var identity = Open();
        var transaction = Guid.NewGuid();
        // The read is durable in the audit log before the document leaves this grain.
        await state.ApplyAsync(state.State with { Verifications = state.State.Verifications + 1, FailedVerifications = [] },
            Audit(request.HallId, "document-read", now, new { Actor = request.StaffId, Document = state.State.DocumentId, request.Purpose, Transaction = transaction, Similarity = similarity, Liveness = liveness }),
            eventLog, this);
        return new VerificationResult(true, similarity, liveness, null, $"Verified: {customer.Name}'s document is released for transaction {transaction}.",
            new ReleasedDocument(state.State.DocumentId!.Value, transaction, identity.Name, identity.IdNumber));
    }

    public Task<DocumentStatus> GetStatusAsync()
        => Task.FromResult(new DocumentStatus(state.State.DocumentId is not null, state.State.DocumentId, state.State.CapturedAt, state.State.HallId, state.State.Verifications));

    public async Task DeleteAsync(string actor)
    {
        Keys.Validate(actor, "actor");
        if (state.State.DocumentId is not { } documentId)
        {
            return;
        }

        var audit = Audit(state.State.HallId!, "document-deleted", clock.GetUtcNow(), new { Actor = actor, Document = documentId });
        await state.ApplyAsync(new IdentityDocumentState { Journal = state.State.Journal }, audit, eventLog, this);
    }

    public async Task<string?> ResealAsync()
    {
        if (state.State.Sealed is not { } sealedBytes)
        {
            return null;
        }

        var before = BiometricVault.KeyIdOf(sealedBytes);
        if (before != vault.CurrentKeyId)
        {
            var audit = Audit(state.State.HallId!, "document-resealed", clock.GetUtcNow(), new { Actor = "key-rotation", Document = state.State.DocumentId });
            await state.ApplyAsync(state.State with { Sealed = vault.Seal(vault.Open(sealedBytes, SealContext), SealContext) }, audit, eventLog, this);
        }

        return before;
    }

    private async Task<CaptureJudgement> JudgeCaptureAsync(IdCapture capture, CustomerProfile customer)
    {
        if (!await HasScopeAsync())
        {
            return Refused(IdentityReasons.NoConsent, $"{customer.Name} has not consented to certificate-free service: record that consent first.");
        }

        if (state.State.Sealed is not null && capture.ApprovedBy is null)
        {
            return Refused(IdentityReasons.ApprovalNeeded, $"An ID is already held for {customer.Name}: replacing it needs the approval of a staff member of hall '{capture.HallId}'.");
        }

        var (idFace, idProblem) = OneFace(await AnalyzeAsync(capture.IdPhoto, "the ID photo"), "the ID photo");
        if (idFace is null)
        {
            return Refused(idProblem!.Value.Reason, idProblem.Value.Message);
        }

        var (liveFace, liveProblem) = OneFace(await AnalyzeAsync(capture.LivePhoto, "the live photo"), "the live photo");
        if (liveFace is null)
        {
            return Refused(liveProblem!.Value.Reason, liveProblem.Value.Message);
        }

        var similarity = Similarity(idFace.Template, liveFace.Template);
        var result = Judge(similarity, liveFace.Liveness, "the ID photo");
        if (result.Ok && state.State.Sealed is not null && HeldSimilarity(Open(), liveFace.Template) is var held && held < MatchThreshold)
        {
            // A replacement must come from the person whose document is held, or anyone could swap in another face.
            return new CaptureJudgement(new IdCaptureResult(false, held, liveFace.Liveness, IdentityReasons.ReplacementMismatch,
                $"The live face does not match the face of the ID already held for {customer.Name} (similarity {held:F2}, at least {MatchThreshold:F2} needed): only the same person may replace it.", null), null, null);
        }

        return new CaptureJudgement(
            new IdCaptureResult(result.Ok, similarity, liveFace.Liveness, result.Reason, result.Ok ? $"Captured: {customer.Name}'s ID is held for certificate-free service." : result.Message, null),
            idFace.Template, liveFace.Template);

        static CaptureJudgement Refused(string reason, string message) => new(new IdCaptureResult(false, 0, 0, reason, message, null), null, null);
    }

    private async Task<(bool Ok, float Similarity, float Liveness, string? Reason, string Message)> JudgeVerificationAsync(VerificationRequest request, CustomerProfile customer)
    {
        if (!await HasScopeAsync())
        {
            return (false, 0, 0, IdentityReasons.NoConsent, $"{customer.Name} has not consented to certificate-free service.");
        }

        if (state.State.Sealed is null)
        {
            return (false, 0, 0, IdentityReasons.NoDocument, $"No ID is held for {customer.Name}: capture it with the ID-card reader first.");
        }

        var (face, problem) = OneFace(await AnalyzeAsync(request.LivePhoto, "the live photo"), "the live photo");
        if (face is null)
        {
            return (false, 0, 0, problem!.Value.Reason, problem.Value.Message);
        }

        var similarity = HeldSimilarity(Open(), face.Template);
        var (ok, reason, message) = Judge(similarity, face.Liveness, "the face held for this customer");
        return (ok, similarity, face.Liveness, reason, message);
    }

    private static (bool Ok, string? Reason, string Message) Judge(float similarity, float liveness, string against)
    {
        if (liveness < LivenessThreshold)
        {
            return (false, IdentityReasons.SpoofSuspected, $"The live face scored {liveness:F2} for liveness, under {LivenessThreshold:F2}: it may be a photo or a screen. Ask the customer to face the camera again, or check the card by hand.");
        }

        if (similarity < MatchThreshold)
        {
            return (false, IdentityReasons.Mismatch, $"The live face does not match {against} (similarity {similarity:F2}, at least {MatchThreshold:F2} needed).");
        }

        return (true, null, "");
    }

    private static (SeenFace? Face, (string Reason, string Message)? Problem) OneFace(FaceFrame frame, string what) => frame.Faces.Length switch
    {
        0 => (null, (IdentityReasons.NoFace, $"No face found in {what} ({frame.Width}x{frame.Height}).")),
        > 1 => (null, (IdentityReasons.SeveralFaces, $"{frame.Faces.Length} faces found in {what}: it must show the customer alone.")),
        _ => (frame.Faces[0], null),
    };

    private async Task<FaceFrame> AnalyzeAsync(byte[] photo, string what)
    {
        try
        {
            return await GrainFactory.GetGrain<IVisionPool>(0).AnalyzeFacesAsync(photo);
        }
        catch (RejectedRequestException error)
        {
            throw new RejectedRequestException($"Could not read {what}: {error.Message}");
        }
    }

    private static float Similarity(float[] a, float[] b) => TensorPrimitives.Dot(a, b);

    /// <summary>How well a face matches the held document: the better of its card photo and the live face at capture.</summary>
    private static float HeldSimilarity(SealedIdentity held, float[] template)
        => MathF.Max(Similarity(held.LiveTemplate, template), Similarity(held.IdTemplate, template));

    private async Task RequireStaffOfHallAsync(string staffId, string hallId)
    {
        Keys.Validate(staffId, "approving staff id");
        var staff = GrainFactory.GetGrain<IStaffGrain>(staffId);
        if (!await staff.ExistsAsync() || (await staff.GetProfileAsync()).HallId != hallId)
        {
            throw new RejectedRequestException($"'{staffId}' is not a staff member of hall '{hallId}': only the hall's staff may approve replacing an ID.");
        }
    }

    private static void RequirePhoto(byte[]? photo, string what)
    {
        if (photo is null || photo.Length == 0)
        {
            throw new RejectedRequestException($"The {what} is empty.");
        }

        if (photo.Length > MaxPhotoBytes)
        {
            throw new RejectedRequestException($"The {what} is {photo.Length / 1024} KiB; at most {MaxPhotoBytes / 1024 / 1024} MiB is accepted.");
        }
    }

    private async Task<bool> HasScopeAsync()
        => (await GrainFactory.GetGrain<ICustomerGrain>(CustomerId).GetConsentsAsync()).ContainsKey(ConsentScope.CertificateFree);

    private async Task<CustomerProfile> CustomerAsync()
    {
        Keys.Validate(CustomerId, "customer id");
        return await GrainFactory.GetGrain<ICustomerGrain>(CustomerId).GetProfileAsync();
    }

    private SealedIdentity Open()
        => JsonSerializer.Deserialize<SealedIdentity>(vault.Open(state.State.Sealed!, SealContext))
           ?? throw new InvalidOperationException($"The sealed document of customer '{CustomerId}' is empty.");

    private HallEvent Audit<T>(string hallId, string kind, DateTimeOffset at, T payload)
        => EventFactory.Create(Guid.NewGuid(), AuditHall(hallId), kind, CustomerId, at, payload);

    private sealed record CaptureJudgement(IdCaptureResult Result, float[]? IdTemplate, float[]? LiveTemplate);
}
