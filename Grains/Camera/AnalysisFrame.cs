using OpenCvSharp;

namespace OrleansHall.Grains.Camera;

/// <summary>
/// Decodes a camera frame at a bounded size for people tracking: a large frame is decoded already reduced (the
/// JPEG decoder scales in the DCT) and then resized so its longer side is at most <see cref="MaxSide"/>. An 8192x8192
/// frame of one colour is a tiny JPEG but would be 200 MB decoded at full size; here it never exceeds a few MB.
/// </summary>
public static class AnalysisFrame
{
    public const int MaxSide = 960;

    /// <returns>The decoded frame (empty if the bytes do not decode); the caller disposes it.</returns>
    public static Mat Decode(byte[] jpeg, int width, int height)
    {
        var side = Math.Max(width, height);
        var mode = side > 4 * MaxSide ? ImreadModes.ReducedColor8
            : side > 2 * MaxSide ? ImreadModes.ReducedColor4
            : side > MaxSide ? ImreadModes.ReducedColor2
            : ImreadModes.Color;
        var image = Cv2.ImDecode(jpeg, mode);
        if (image.Empty() || Math.Max(image.Cols, image.Rows) <= MaxSide)
        {
            return image;
        }

        var scale = (double)MaxSide / Math.Max(image.Cols, image.Rows);
        var bounded = new Mat();
        using (image)
        {
            Cv2.Resize(image, bounded, new Size(Math.Max(1, (int)(image.Cols * scale)), Math.Max(1, (int)(image.Rows * scale))), 0, 0, InterpolationFlags.Area);
        }

        return bounded;
    }
}
