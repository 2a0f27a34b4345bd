namespace OrleansHall.Camera;

/// <summary>
/// The silo's pool of face-analysis workers. Cameras send it frames; it finds every face with its age, gender,
/// liveness and identity template. Bounded per silo: callers that find it busy drop frames rather than queue.
/// </summary>
public interface IVisionPool : IGrainWithIntegerKey
{
    /// <summary>Every face in a JPEG frame (or a PNG photo); an undecodable image is rejected with the reason.</summary>
    Task<FaceFrame> AnalyzeFacesAsync(byte[] jpeg);

    /// <summary>The work this silo's vision slots have done since it started (answered by the silo the call lands on).</summary>
    Task<VisionLoad> GetLoadAsync();
}
