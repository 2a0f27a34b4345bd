using System.Collections.Immutable;

namespace OrleansHall.Camera;

/// <summary>The faces found in one frame of <paramref name="Width"/> x <paramref name="Height"/> pixels.</summary>
[GenerateSerializer, Immutable]
public sealed record FaceFrame(
    [property: Id(0)] int Width,
    [property: Id(1)] int Height,
    [property: Id(2)] ImmutableArray<SeenFace> Faces);

/// <summary>
/// One face: box in pixels (x, y, width, height), detector score, estimated age and gender ("female"/"male"),
/// liveness (probability of a live face), and a unit-length 512-d template for identification. The template
/// of a face nobody enrolled is used for matching and then forgotten; it is never stored.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SeenFace(
    [property: Id(0)] int X,
    [property: Id(1)] int Y,
    [property: Id(2)] int Width,
    [property: Id(3)] int Height,
    [property: Id(4)] float Score,
    [property: Id(5)] float Age,
    [property: Id(6)] string Gender,
    [property: Id(7)] float Liveness,
    [property: Id(8)] float[] Template);
