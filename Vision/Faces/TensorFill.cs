using OpenCvSharp;

namespace OrleansHall.Vision.Faces;

/// <summary>Copies an 8-bit BGR image into a planar float tensor with per-channel normalisation.</summary>
internal static class TensorFill
{
    /// <summary>
    /// Writes three planes, R,G,B when <paramref name="rgb"/> else B,G,R: value = (pixel * scale[c]) + offset[c],
    /// where c is the plane index.
    /// </summary>
    public static unsafe void Planar(Mat bgr, Span<float> destination, ReadOnlySpan<float> scale, ReadOnlySpan<float> offset, bool rgb)
    {
        if (bgr.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Expected an 8-bit 3-channel BGR image; got {bgr.Type()}.", nameof(bgr));
        }

        var rows = bgr.Rows;
        var cols = bgr.Cols;
        var plane = rows * cols;
        if (destination.Length < 3 * plane)
        {
            throw new ArgumentException($"Tensor holds {destination.Length} floats; expected at least {3 * plane}.", nameof(destination));
        }

        var first = destination[..plane];
        var g = destination.Slice(plane, plane);
        var last = destination.Slice(2 * plane, plane);
        var r = rgb ? first : last;
        var b = rgb ? last : first;
        var (ri, bi) = rgb ? (0, 2) : (2, 0);
        float sr = scale[ri], sg = scale[1], sb = scale[bi], or = offset[ri], og = offset[1], ob = offset[bi];
        var step = bgr.Step();
        var data = (byte*)bgr.DataPointer;
        for (var y = 0; y < rows; y++)
        {
            var row = data + (y * step);
            var o = y * cols;
            for (var x = 0; x < cols; x++)
            {
                var p = row + (3 * x);
                b[o + x] = (p[0] * sb) + ob;
                g[o + x] = (p[1] * sg) + og;
                r[o + x] = (p[2] * sr) + or;
            }
        }
    }

    public static unsafe void GrayPlanar(Mat gray, Span<float> destination, float scale)
    {
        if (gray.Type() != MatType.CV_8UC1)
        {
            throw new ArgumentException($"Expected an 8-bit single-channel image; got {gray.Type()}.", nameof(gray));
        }

        var rows = gray.Rows;
        var cols = gray.Cols;
        var step = gray.Step();
        var data = (byte*)gray.DataPointer;
        for (var y = 0; y < rows; y++)
        {
            var row = data + (y * step);
            for (var x = 0; x < cols; x++)
            {
                destination[(y * cols) + x] = row[x] * scale;
            }
        }
    }
}
