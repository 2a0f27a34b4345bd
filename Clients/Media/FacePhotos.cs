using System.Collections.Immutable;
using OpenCvSharp;
using OrleansHall.Camera;

namespace OrleansHall.Clients.Media;

/// <summary>Cuts one person's face out of a group photo, as a clerk would take a photo of the customer alone.</summary>
public static class FacePhotos
{
    /// <summary>
    /// The largest face the vision pool finds, with half a face of margin on each side, as a JPEG; null when the photo
    /// has no face. Enrolment refuses photos with more than one face, so demo and test enrolments start here.
    /// </summary>
    public static Task<byte[]?> CropLargestAsync(IGrainFactory grains, byte[] photo, double margin = 0.5)
        => CropAsync(grains, photo, faces => faces.MaxBy(f => f.Width * f.Height), margin);

    /// <summary>
    /// The face <paramref name="choose"/> picks among those the vision pool finds, with <paramref name="margin"/> faces
    /// of margin on each side (cut at the photo's edges), as a JPEG; null when it picks none.
    /// </summary>
    public static async Task<byte[]?> CropAsync(IGrainFactory grains, byte[] photo, Func<ImmutableArray<SeenFace>, SeenFace?> choose, double margin)
    {
        var faces = await grains.GetGrain<IVisionPool>(0).AnalyzeFacesAsync(photo);
        if (faces.Faces.IsEmpty || choose(faces.Faces) is not { } face)
        {
            return null;
        }

        using var image = Cv2.ImDecode(photo, ImreadModes.Color);
        var box = new Rect(
            (int)(face.X - (face.Width * margin)), (int)(face.Y - (face.Height * margin)),
            (int)(face.Width * (1 + (2 * margin))), (int)(face.Height * (1 + (2 * margin)))).Intersect(new Rect(0, 0, image.Cols, image.Rows));
        using var crop = new Mat(image, box);
        Cv2.ImEncode(".jpg", crop, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 92));
        return jpeg;
    }
}
