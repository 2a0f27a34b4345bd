namespace OrleansHall.Camera;

/// <summary>Health of a camera feed; <see cref="LastAnalysedSequence"/> is the sequence number of the newest frame analysed.</summary>
[GenerateSerializer, Immutable]
public sealed record CameraStatus(
    [property: Id(0)] string CameraId,
    [property: Id(1)] string HallId,
    [property: Id(2)] string Name,
    [property: Id(3)] bool Online,
    [property: Id(4)] double FramesPerSecond,
    [property: Id(5)] long FramesAccepted,
    [property: Id(6)] long FramesRejected,
    [property: Id(7)] long FramesDropped,
    [property: Id(8)] string? LastRejectReason,
    [property: Id(9)] DateTimeOffset? LastFrameAt,
    [property: Id(10)] int LastWidth,
    [property: Id(11)] int LastHeight,
    [property: Id(12)] long FramesAnalysed = 0,
    [property: Id(13)] int PeopleInView = 0,
    [property: Id(14)] int EntriesToday = 0,
    [property: Id(15)] int ExitsToday = 0,
    [property: Id(16)] int FacesToday = 0,
    [property: Id(17)] long? LastAnalysedSequence = null);
