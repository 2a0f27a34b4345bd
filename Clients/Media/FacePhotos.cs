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
    public static async Task<byte[]?> CropLargestAsync(IGrainFactory grains, byte[] photo, double margin = 0.5)
    {
        var faces = await grains.GetGrain<IVisionPool>(0).AnalyzeFacesAsync(photo);
        if (faces.Faces.Length == 0)
        {
            return null;
        }

        var face = faces.Faces.MaxBy(f => f.Width * f.Height)!;
        using var image = Cv2.ImDecode(photo, ImreadModes.Color);
        var box = new Rect(
            (int)(face.X - (face.Width * margin)), (int)(face.Y - (face.Height * margin)),
            (int)(face.Width * (1 + (2 * margin))), (int)(face.Height * (1 + (2 * margin)))).Intersect(new Rect(0, 0, image.Cols, image.Rows));
        using var crop = new Mat(image, box);
        Cv2.ImEncode(".jpg", crop, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 92));
        return jpeg;
    }
}
