using OrleansHall.Clients.Cli;

namespace OrleansHall.Clients.Media;

public static class FrameSources
{
    private static readonly string[] JpegExtensions = [".jpg", ".jpeg"];

    /// <summary>A folder of JPEGs, a single JPEG, or a video file; anything else is a usage error.</summary>
    public static IFrameSource Open(string path, double fps, bool loop)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path)
                .Where(IsJpeg)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                throw new UsageException($"option '--source': folder '{path}' has no .jpg files; expected a folder of JPEGs or a video file");
            }

            return new JpegFolderSource(files, loop);
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"option '--source': '{path}' does not exist; expected a folder of JPEGs or a video file");
        }

        if (IsJpeg(path))
        {
            return new JpegFolderSource([path], loop);
        }

        try
        {
            return new VideoFileSource(path, fps, loop);
        }
        catch (InvalidDataException bad)
        {
            throw new UsageException($"option '--source': {bad.Message}");
        }
    }

    private static bool IsJpeg(string file) =>
        JpegExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase);
}
