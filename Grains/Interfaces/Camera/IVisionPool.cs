namespace OrleansHall.Camera;

/// <summary>
/// The vision pool cameras hand checked frames to. The face and people pipeline behind it arrives with the
/// vision work; until then <see cref="AnalyzeAsync"/> reports that no analysis ran.
/// </summary>
public interface IVisionPool : IGrainWithIntegerKey
{
    Task<FrameAnalysis> AnalyzeAsync(string cameraId, CameraFrame frame);
}

[GenerateSerializer, Immutable]
public sealed record FrameAnalysis(
    [property: Id(0)] bool Analysed,
    [property: Id(1)] int Faces,
    [property: Id(2)] int People);
