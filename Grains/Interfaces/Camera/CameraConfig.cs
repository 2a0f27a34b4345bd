using System.Collections.Immutable;

namespace OrleansHall.Camera;

/// <summary>
/// Where a camera looks: its named zones as rectangles and its entry line, in image coordinates
/// normalised to 0..1 so the configuration survives a change of resolution.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CameraConfig(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<CameraZone> Zones,
    [property: Id(2)] EntryLine? EntryLine = null);

[GenerateSerializer, Immutable]
public sealed record CameraZone(
    [property: Id(0)] string Zone,
    [property: Id(1)] double X,
    [property: Id(2)] double Y,
    [property: Id(3)] double Width,
    [property: Id(4)] double Height);

/// <summary>A line across the door; crossing it from A to B is an entry.</summary>
[GenerateSerializer, Immutable]
public sealed record EntryLine(
    [property: Id(0)] double Ax,
    [property: Id(1)] double Ay,
    [property: Id(2)] double Bx,
    [property: Id(3)] double By);
