using System.Collections.Immutable;
using OpenCvSharp;
using OrleansHall.Camera;
using OrleansHall.Clients.Media;

namespace OrleansHall.Tests.Infrastructure;

/// <summary>
/// The photos of a certificate-free capture, cut from the sample photos by the real face detector: the ID photo is the
/// middle woman of sample3.jpg, the reader camera's photo the right-hand woman of sample1.jpg, the same person in another
/// photo (see FaceGalleryTests), so the 1:1 match is a genuine cross-photo pair, not a copy.
/// </summary>
public static class IdCardPhotos
{
    /// <summary>The card's chip photo: the face cut close and small, as ID cards hold it.</summary>
    public static async Task<byte[]> ChipPhotoAsync(IClusterClient client)
    {
        var crop = await CropAsync(client, "sample3.jpg", faces => faces.MaxBy(f => f.Width * f.Height), margin: 0.3);
        using var image = Cv2.ImDecode(crop, ImreadModes.Color);
        using var small = new Mat();
        Cv2.Resize(image, small, new Size(240, 240 * image.Rows / image.Cols), 0, 0, InterpolationFlags.Area);
        Cv2.ImEncode(".jpg", small, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 85));
        return jpeg;
    }

    /// <summary>The reader camera's photo: the right-hand woman of sample1.jpg, a face of margin around her face.</summary>
    public static Task<byte[]> ReaderPhotoAsync(IClusterClient client) => CropAsync(client, "sample1.jpg", faces => faces.MaxBy(f => f.X));

    public static async Task<byte[]> CropAsync(IClusterClient client, string photo, Func<ImmutableArray<SeenFace>, SeenFace?> choose, double margin = 1.0)
        => await FacePhotos.CropAsync(client, File.ReadAllBytes(Repository.Media(photo)), choose, margin)
           ?? throw new Xunit.Sdk.XunitException($"no face in {photo}");
}
