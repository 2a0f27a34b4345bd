using OpenCvSharp;

namespace OrleansHall.Tests.Infrastructure;

/// <summary>
/// Stand-ins for presentation attacks, made from a real photo because no recorded attacks are available here: what a
/// print held up to a camera loses (colour, contrast, sharpness, with paper grain). They are not real attacks; the
/// README says what liveness can and cannot catch.
/// </summary>
public static class SpoofRenditions
{
    /// <summary>Saturation at 55 %, the tonal range squeezed into 12-88 %, grain, a slight blur; as a JPEG.</summary>
    public static byte[] Print(byte[] jpeg, int seed = 1)
    {
        using var image = Cv2.ImDecode(jpeg, ImreadModes.Color);
        using var hsv = new Mat();
        Cv2.CvtColor(image, hsv, ColorConversionCodes.BGR2HSV);
        var channels = Cv2.Split(hsv);
        channels[1].ConvertTo(channels[1], -1, 0.55);
        Cv2.Merge(channels, hsv);
        foreach (var c in channels)
        {
            c.Dispose();
        }

        using var washed = new Mat();
        Cv2.CvtColor(hsv, washed, ColorConversionCodes.HSV2BGR);
        using var squeezed = new Mat();
        washed.ConvertTo(squeezed, MatType.CV_32FC3, 0.76, 0.12 * 255);
        using var noise = Mat.FromPixelData(squeezed.Rows, squeezed.Cols, MatType.CV_32FC3, Grain(squeezed.Rows * squeezed.Cols * 3, 10, seed));
        Cv2.Add(squeezed, noise, squeezed);
        using var blurred = new Mat();
        Cv2.GaussianBlur(squeezed, blurred, new Size(0, 0), 1.2);
        using var output = new Mat();
        blurred.ConvertTo(output, MatType.CV_8UC3);
        Cv2.ImEncode(".jpg", output, out var result, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
        return result;
    }

    // Gaussian grain of the given standard deviation (Box-Muller), repeatable by seed.
    private static float[] Grain(int count, double sigma, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            var u = 1 - random.NextDouble();
            values[i] = (float)(sigma * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return values;
    }
}
