namespace OrleansHall.Gallery;

/// <summary>
/// The face templates of a region's consenting customers and staff (keyed by region id), searched 1:N when a
/// camera sees a face. Templates are sensitive personal information: held encrypted at rest, every enrolment,
/// removal and match written to the audit log, and only ever added with recorded consent.
/// </summary>
public interface IFaceGalleryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds or replaces a person's template; <paramref name="actor"/> is who did it (a staff id). A face that already
    /// matches another person of the region is refused as a duplicate, without naming them.
    /// </summary>
    Task EnrolAsync(string personId, float[] template, string actor);

    /// <summary>Forgets a person's template (consent withdrawn); true when there was one.</summary>
    Task<bool> RemoveAsync(string personId, string actor);

    /// <summary>The best match above the gallery threshold (<c>FaceGallery.RecommendedThreshold</c>), or null; a match is audited with the camera that saw it.</summary>
    Task<GalleryHit?> IdentifyAsync(float[] probe, string cameraId);

    Task<int> CountAsync();

    /// <summary>
    /// Seals the gallery again under the vault's current key if another sealed it (key rotation); returns the id of
    /// the key it was sealed under before, or null when nothing is stored.
    /// </summary>
    Task<string?> ResealAsync();
}
