using System.Buffers.Binary;

namespace OrleansHall.Grains.Common;

/// <summary>
/// Checks that bytes are a plausible baseline or progressive JPEG and reads its size from the frame header,
/// without decoding pixels: cheap enough to run on every frame before anything else touches it.
/// </summary>
public static class JpegProbe
{
    public const int MaxBytes = 4 * 1024 * 1024;
    public const int MaxSide = 8192;
    public const int MinSide = 16;

    /// <summary>Returns null and the size for a good frame, or the reason it is not one.</summary>
    public static string? Check(ReadOnlySpan<byte> data, out int width, out int height)
    {
        width = height = 0;
        if (data.Length == 0)
        {
            return "empty frame";
        }

        if (data.Length > MaxBytes)
        {
            return $"frame of {data.Length} bytes is over the {MaxBytes} byte limit";
        }

        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            return "not a JPEG (no start-of-image marker)";
        }

        var pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF)
            {
                return $"corrupt JPEG (expected a marker at byte {pos})";
            }

            var marker = data[pos + 1];
            if (marker == 0xFF)
            {
                pos++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > data.Length)
            {
                return $"corrupt JPEG (segment at byte {pos} runs past the end)";
            }

            if (IsStartOfFrame(marker))
            {
                if (length < 7)
                {
                    return "corrupt JPEG (short frame header)";
                }

                height = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 5)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 7)..]);
                if (width < MinSide || height < MinSide || width > MaxSide || height > MaxSide)
                {
                    return $"image of {width}x{height} is outside {MinSide}..{MaxSide} pixels per side";
                }

                return HasEndMarker(data) ? null : "truncated JPEG (no end-of-image marker)";
            }

            if (marker == 0xDA)
            {
                return "corrupt JPEG (scan data before any frame header)";
            }

            pos += 2 + length;
        }

        return "corrupt JPEG (no frame header)";
    }

    private static bool IsStartOfFrame(byte marker)
        => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    /// <summary>Some encoders pad after the end marker, so look for it near the end rather than exactly at it.</summary>
    private static bool HasEndMarker(ReadOnlySpan<byte> data)
    {
        var tail = data[Math.Max(0, data.Length - 64)..];
        for (var i = tail.Length - 2; i >= 0; i--)
        {
            if (tail[i] == 0xFF && tail[i + 1] == 0xD9)
            {
                return true;
            }
        }

        return false;
    }
}
