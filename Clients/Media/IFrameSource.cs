namespace OrleansHall.Clients.Media;

/// <summary>JPEG frames for a camera feed, in order; loops back to the start when asked.</summary>
public interface IFrameSource : IDisposable
{
    string Description { get; }

    /// <summary>The next JPEG, or null at the end of the source (never null when looping).</summary>
    byte[]? Next();
}
