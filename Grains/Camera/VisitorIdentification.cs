using OrleansHall.Camera;
using OrleansHall.Common;
using OrleansHall.Gallery;
using OrleansHall.Grains.Customer;
using OrleansHall.Hall;

namespace OrleansHall.Grains.Camera;

/// <summary>
/// Decides, for the faces in one frame, who is a new visitor to the hall and who is a consenting customer. The hall's
/// visitor ledger says which faces are new visitors and which to look up in the region's gallery of consenting
/// people; a gallery match that starts a visit becomes a <see cref="RecognisedVisits">recognised visit</see>. A face
/// without a match is only ever a count, and its template stays in memory.
/// </summary>
public sealed class VisitorIdentification(IGrainFactory grains, string hallId, string cameraId, RecognisedVisits visits)
{
    private string? _regionId;

    /// <summary>Adds recognitions and the new visitors' make-up to <paramref name="vision"/>; returns how many visitors are new.</summary>
    public async Task<int> CountVisitorsAsync(CameraVision vision, FaceFrame faces, DateTimeOffset at, string cameraName)
    {
        if (faces.Faces.Length == 0)
        {
            return 0;
        }

        var ledger = grains.GetGrain<IVisitorLedgerGrain>(hallId);
        var sightings = await ledger.ObserveAsync([.. faces.Faces.Select(f => f.Template)], at);
        var counted = new List<SeenFace>();
        for (var i = 0; i < faces.Faces.Length; i++)
        {
            var (face, sighting) = (faces.Faces[i], sightings[i]);
            var newVisitor = sighting.NewVisitor;
            if (sighting.Identify && await IdentifyAsync(face) is { } hit)
            {
                vision.AddRecognition(new Recognition(hit.PersonId, Math.Round(hit.Similarity, 3), cameraId, at));
                if (await ledger.IdentifiedAsync(sighting.VisitorId, hit.PersonId, at))
                {
                    await visits.StartAsync(hit.PersonId, cameraId, cameraName, at);
                }
                else
                {
                    // Already here under another face the ledger did not match: the same visitor, counted once.
                    newVisitor = false;
                }
            }

            if (newVisitor)
            {
                counted.Add(face);
            }
        }

        vision.CountVisitors(counted);
        return counted.Count;
    }

    private async Task<GalleryHit?> IdentifyAsync(SeenFace face)
    {
        _regionId ??= (await grains.GetGrain<IHallGrain>(hallId).GetConfigAsync()).RegionId;
        return await grains.GetGrain<IFaceGalleryGrain>(_regionId).IdentifyAsync(face.Template, Keys.Scoped(hallId, cameraId));
    }
}
