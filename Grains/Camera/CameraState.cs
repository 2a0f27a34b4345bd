using OrleansHall.Camera;

namespace OrleansHall.Grains.Camera;

[GenerateSerializer]
public sealed record CameraState
{
    [Id(0)] public CameraConfig? Config { get; init; }

    [Id(1)] public long FramesAccepted { get; init; }

    [Id(2)] public long FramesRejected { get; init; }

    [Id(3)] public long FramesDropped { get; init; }

    [Id(4)] public string? LastRejectReason { get; init; }
}
