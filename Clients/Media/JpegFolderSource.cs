namespace OrleansHall.Clients.Media;

/// <summary>The .jpg files of a folder (or a single .jpg), in name order, sent as they are.</summary>
public sealed class JpegFolderSource(IReadOnlyList<string> files, bool loop) : IFrameSource
{
    private int _index;

    public string Description => $"{files.Count} JPEG file(s)";

    public byte[]? Next()
    {
        if (_index == files.Count)
        {
            if (!loop)
            {
                return null;
            }

            _index = 0;
        }

        return File.ReadAllBytes(files[_index++]);
    }

    public void Dispose()
    {
    }
}
