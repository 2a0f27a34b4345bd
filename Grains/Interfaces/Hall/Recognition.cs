namespace OrleansHall.Hall;

/// <summary>An enrolled customer or staff member recognised by a camera.</summary>
[GenerateSerializer, Immutable]
public sealed record Recognition(
    [property: Id(0)] string PersonId,
    [property: Id(1)] double Similarity,
    [property: Id(2)] string CameraId,
    [property: Id(3)] DateTimeOffset At);
