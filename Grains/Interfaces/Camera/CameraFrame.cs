namespace OrleansHall.Camera;

/// <summary>One JPEG frame from a camera, numbered by the camera.</summary>
[GenerateSerializer, Immutable]
public sealed record CameraFrame(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset CapturedAt,
    [property: Id(2)] byte[] Jpeg);
