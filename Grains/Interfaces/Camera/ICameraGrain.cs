namespace OrleansHall.Camera;

/// <summary>A camera in a hall, keyed "hall/camera": takes frames, checks them and hands them to the vision pool.</summary>
public interface ICameraGrain : IGrainWithStringKey
{
    /// <summary>Installs or reconfigures the camera; the hall must exist.</summary>
    Task ConfigureAsync(CameraConfig config);

    /// <summary>
    /// Offers a frame. A frame that is empty, too large or not a JPEG is refused with the reason and counted;
    /// it never changes anything else.
    /// </summary>
    Task<FrameAck> SubmitFrameAsync(CameraFrame frame);

    Task<CameraStatus> GetStatusAsync();

    /// <summary>
    /// The latest analysed frame as a JPEG with people, track ids and faces drawn, for the live camera page;
    /// null before the first analysed frame. Held in memory only.
    /// </summary>
    Task<byte[]?> GetLatestAnnotatedFrameAsync();
}
