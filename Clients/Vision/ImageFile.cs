using System.Buffers.Binary;
using OpenCvSharp;

namespace OrleansHall.Clients.Vision;

/// <summary>
/// Reads an image file for the vision verbs with every failure as one clear line: missing, unreadable, not a
/// JPEG/PNG, corrupt, or over the limits (20 MB, 8192 px a side, checked from the header before decoding).
/// </summary>
public static class ImageFile
{
    public const long MaxBytes = 20L * 1024 * 1024;
    public const int MaxSide = 8192;

    public static byte[] ReadBytes(string path)
    {
        if (Directory.Exists(path))
        {
            throw new VisionInputException($"'{path}' is a directory; expected an image file (JPEG or PNG)");
        }

        if (!File.Exists(path))
        {
            throw new VisionInputException($"'{path}' does not exist; expected an image file (JPEG or PNG)");
        }

        var length = new FileInfo(path).Length;
        if (length > MaxBytes)
        {
            throw new VisionInputException($"'{path}' is {length / (1024.0 * 1024):F1} MB; expected at most {MaxBytes / (1024 * 1024)} MB");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new VisionInputException($"'{path}' cannot be read ({error.Message}); expected a readable image file");
        }

        if (!TryReadSize(bytes, out var width, out var height))
        {
            if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xD8)
            {
                throw new VisionInputException($"'{path}' could not be decoded: a JPEG without a frame header (truncated or corrupt?); expected a complete JPEG or PNG file");
            }

            throw new VisionInputException($"'{path}' is not a JPEG or PNG image ({bytes.Length} bytes); expected a JPEG or PNG file");
        }

        if (width > MaxSide || height > MaxSide)
        {
            throw new VisionInputException($"'{path}' is {width}x{height} px; expected at most {MaxSide} px a side");
        }

        return bytes;
    }

    /// <summary>Reads, checks and decodes to 8-bit BGR.</summary>
    public static Mat Read(string path)
    {
        var bytes = ReadBytes(path);
        var image = Cv2.ImDecode(bytes, ImreadModes.Color);
        if (image.Empty())
        {
            image.Dispose();
            throw new VisionInputException($"'{path}' could not be decoded (truncated or corrupt?); expected a complete JPEG or PNG file");
        }

        return image;
    }

    /// <summary>Width and height from a PNG IHDR or a JPEG SOF marker, without decoding pixels.</summary>
    public static bool TryReadSize(ReadOnlySpan<byte> data, out int width, out int height)
    {
        width = height = 0;
        ReadOnlySpan<byte> png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (data.Length >= 24 && data[..8].SequenceEqual(png))
        {
            width = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(data[16..]));
            height = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(data[20..]));
            return width > 0 && height > 0;
        }

        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            return false;
        }

        var i = 2;
        while (i + 9 < data.Length)
        {
            if (data[i] != 0xFF)
            {
                return false;
            }

            var marker = data[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                height = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]);
                return width > 0 && height > 0;
            }

            i += 2 + length;
        }

        return false;
    }
}
