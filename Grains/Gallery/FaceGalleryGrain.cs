using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansHall.Common;
using OrleansHall.Gallery;
using OrleansHall.Grains.Common;
using OrleansHall.Grains.Events;
using OrleansHall.Vision.Gallery;

namespace OrleansHall.Grains.Gallery;

/// <summary>
/// A region's gallery of consented face templates: searched in memory with SIMD dot products, stored sealed,
/// and every enrolment, removal and match audited in the event log (hall id "region:&lt;id&gt;").
/// </summary>
public sealed class FaceGalleryGrain(
    [PersistentState("gallery", StorageNames.Grains)] IPersistentState<FaceGalleryState> state,
    BiometricVault vault,
    IEventLog eventLog,
    [FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock) : Grain, IFaceGalleryGrain
{
    private const int TemplateLength = 512;

    private readonly FaceGallery _gallery = new(TemplateLength);
    private Dictionary<string, float[]> _templates = [];

    private string AuditHall => Keys.RegionPrefix + this.GetPrimaryKeyString();

    /// <summary>What the sealed gallery is bound to: it opens only as this region's.</summary>
    private string SealContext => $"gallery/{this.GetPrimaryKeyString()}";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Sealed is { } sealedBytes)
        {
            _templates = JsonSerializer.Deserialize<Dictionary<string, float[]>>(vault.Open(sealedBytes, SealContext)) ?? [];
            foreach (var (id, template) in _templates)
            {
                _gallery.Enroll(id, template);
            }
        }

        return Task.CompletedTask;
    }

    public async Task EnrolAsync(string personId, float[] template, string actor)
    {
        Keys.Validate(personId, "person id");
        if (template is null || template.Length != TemplateLength)
        {
            throw new RejectedRequestException($"A face template must be {TemplateLength} numbers, got {template?.Length ?? 0}.");
        }

        // Templates are unit vectors; zeros, NaN or infinities would match everyone or no one.
        var norm = template.All(float.IsFinite) ? Math.Sqrt(template.Sum(v => (double)v * v)) : double.NaN;
        if (!(norm is > 0.9 and < 1.1))
        {
            throw new RejectedRequestException($"A face template must be {TemplateLength} finite numbers of unit length; got length {norm:F3}.");
        }

        // A person is enrolled once per region: a face that already matches someone else is refused, without saying
        // whom (the caller may not know that customer), and the attempt is audited.
        if (_gallery.Search(template, topK: 2, threshold: FaceGallery.RecommendedThreshold).Any(m => m.Id != personId))
        {
            await AuditAsync(personId, new { action = "enrol-refused", reason = "duplicate", actor });
            throw new RejectedRequestException(
                $"This face is already enrolled in region '{this.GetPrimaryKeyString()}' under another customer: a person is enrolled once. Check who the customer is; nothing was saved.");
        }

        var previous = _templates.GetValueOrDefault(personId);
        Put(personId, template);
        try
        {
            await SaveAsync();
        }
        catch
        {
            // Memory stays what storage holds: a failed enrolment matches nobody.
            Put(personId, previous);
            throw;
        }

        await AuditAsync(personId, new { action = "enrol", actor });
    }

    public async Task<bool> RemoveAsync(string personId, string actor)
    {
        var template = _templates.GetValueOrDefault(personId);
        var removed = template is not null;
        if (removed)
        {
            Put(personId, null);
            try
            {
                await SaveAsync();
            }
            catch
            {
                // Storage still holds the template, so memory must too: the caller's retry then removes and saves again
                // (otherwise the retry would find nothing to remove and the template would come back on reactivation).
                Put(personId, template);
                throw;
            }
        }

        await AuditAsync(personId, new { action = "remove", actor, removed });
        return removed;
    }

    public async Task<GalleryHit?> IdentifyAsync(float[] probe, string cameraId)
    {
        if (probe is null || probe.Length != TemplateLength || _templates.Count == 0)
        {
            return null;
        }

        var matches = _gallery.Search(probe, topK: 1, threshold: FaceGallery.RecommendedThreshold);
        if (matches.Count == 0)
        {
            return null;
        }

        var best = matches[0];
        await AuditAsync(best.Id, new { action = "match", actor = cameraId, similarity = Math.Round(best.Similarity, 3) });
        return new GalleryHit(best.Id, best.Similarity);
    }

    public Task<int> CountAsync() => Task.FromResult(_templates.Count);

    private void Put(string personId, float[]? template)
    {
        _gallery.Remove(personId);
        if (template is null)
        {
            _templates.Remove(personId);
        }
        else
        {
            _templates[personId] = template;
            _gallery.Enroll(personId, template);
        }
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
            await SaveAsync();
            await AuditAsync(this.GetPrimaryKeyString(), new { action = "reseal", from = before, to = vault.CurrentKeyId, actor = "key-rotation" });
        }

        return before;
    }

    private async Task SaveAsync()
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(_templates);
        await state.SaveAsync(new FaceGalleryState { Sealed = vault.Seal(plaintext, SealContext), Count = _templates.Count }, this);
    }

    private Task AuditAsync(string personId, object what)
        => eventLog.AppendAsync(EventFactory.Create(Guid.NewGuid(), AuditHall, "biometric-audit", personId, clock.GetUtcNow(), what));
}
