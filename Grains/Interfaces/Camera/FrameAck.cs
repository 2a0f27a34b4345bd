namespace OrleansHall.Camera;

/// <summary>Whether the camera grain took the frame, and if not, why.</summary>
[GenerateSerializer, Immutable]
public sealed record FrameAck(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? RejectReason = null);
