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

    [Id(5)] public long FramesAnalysed { get; init; }

    [Id(6)] public DateOnly Day { get; init; }

    [Id(7)] public int EntriesToday { get; init; }

    [Id(8)] public int ExitsToday { get; init; }

    [Id(9)] public int FacesToday { get; init; }
}
