namespace OrleansHall.Clients.Media;

/// <summary>JPEGs held in memory, sent in a loop from a starting offset (so several feeds of one clip are out of step).</summary>
public sealed class MemoryFrameSource(IReadOnlyList<byte[]> frames, int offset, string description) : IFrameSource
{
    private int _index = frames.Count == 0 ? throw new ArgumentException("A frame source needs at least one frame.", nameof(frames)) : offset;

    public string Description => description;

    public byte[]? Next() => frames[_index++ % frames.Count];

    public void Dispose()
    {
    }
}
