using System.Buffers.Binary;

namespace OrleansHall.Grains.Common;

/// <summary>Checks that bytes are a PNG of a sane size (signature and IHDR only), for enrolment photos.</summary>
public static class PngProbe
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool LooksLikePng(ReadOnlySpan<byte> data) => data.Length >= 8 && data[..8].SequenceEqual(Signature);

    /// <summary>Returns null and the size for a plausible PNG, or the reason it is not one.</summary>
    public static string? Check(ReadOnlySpan<byte> data, out int width, out int height)
    {
        width = height = 0;
        if (data.Length > JpegProbe.MaxBytes)
        {
            return $"image of {data.Length} bytes is over the {JpegProbe.MaxBytes} byte limit";
        }

        if (!LooksLikePng(data) || data.Length < 33 || !data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return "not a PNG (no signature and header)";
        }

        width = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(data.Slice(16, 4)));
        height = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(data.Slice(20, 4)));
        return width is < JpegProbe.MinSide or > JpegProbe.MaxSide || height is < JpegProbe.MinSide or > JpegProbe.MaxSide
            ? $"image of {width}x{height} is outside {JpegProbe.MinSide}..{JpegProbe.MaxSide} pixels a side"
            : null;
    }
}
