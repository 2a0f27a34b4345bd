using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using OrleansHall.Common;
using OrleansHall.Hall;
using OrleansHall.Vision.Gallery;

namespace OrleansHall.Grains.Hall;

/// <summary>
/// A hall's <see cref="VisitorLedger"/>, in memory only: templates of people in the hall are sensitive and are not
/// stored anywhere. The grain stays active for the dedup window after its last call, so a quiet spell does not
/// forget who is inside; a silo restart does (the next sighting of each person counts them once more).
/// </summary>
[CollectionAgeLimit(Minutes = 65)]
public sealed class VisitorLedgerGrain([FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock) : Grain, IVisitorLedgerGrain
{
    /// <summary>See <see cref="IVisitorLedgerGrain.DedupWindow"/>.</summary>
    public static readonly TimeSpan DedupWindow = IVisitorLedgerGrain.DedupWindow;

    /// <summary>A visitor the gallery did not know is looked up again this often while in view (they may have enrolled since).</summary>
    public static readonly TimeSpan IdentifyEvery = TimeSpan.FromSeconds(10);

    private const int TemplateLength = 512;

    // The same threshold as the gallery's: chosen from genuine and impostor pairs across different photos (README).
    private readonly VisitorLedger _ledger = new(FaceGallery.RecommendedThreshold, DedupWindow, IdentifyEvery);

    public Task<ImmutableArray<Sighting>> ObserveAsync(ImmutableArray<float[]> templates, DateTimeOffset at)
    {
        if (templates.IsDefault || templates.Any(t => t is null || t.Length != TemplateLength || !t.All(float.IsFinite)))
        {
            throw new RejectedRequestException($"Every face template must be {TemplateLength} finite numbers.");
        }

        return Task.FromResult(_ledger.Observe(templates, Clamp(at)).ToImmutableArray());
    }

    public Task<bool> IdentifiedAsync(long visitorId, string personId, DateTimeOffset at)
    {
        Keys.Validate(personId, "person id");
        return Task.FromResult(_ledger.Identified(visitorId, personId, Clamp(at)));
    }

    public Task<int> CountAsync() => Task.FromResult(_ledger.Count);

    public Task<int> ForgetAsync(string personId)
    {
        Keys.Validate(personId, "person id");
        return Task.FromResult(_ledger.ForgetPerson(personId));
    }

    /// <summary>Camera capture times are trusted unless a day off from ours.</summary>
    private DateTimeOffset Clamp(DateTimeOffset at)
    {
        var now = clock.GetUtcNow();
        return (at - now).Duration() < TimeSpan.FromDays(1) ? at : now;
    }
}
