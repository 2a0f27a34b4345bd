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
    [property: Id(2)] EntryLine? EntryLine = null,
    [property: Id(3)] FloorPlacement? Floor = null);

/// <summary>
/// Where the camera's picture lies on the hall's floor plan (both in 0..1 coordinates): the image rectangle maps onto
/// this rectangle, so people's feet seen by the camera land in floor cells of the hall's heat map.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FloorPlacement(
    [property: Id(0)] double X,
    [property: Id(1)] double Y,
    [property: Id(2)] double Width,
    [property: Id(3)] double Height);

[GenerateSerializer, Immutable]
public sealed record CameraZone(
    [property: Id(0)] string Zone,
    [property: Id(1)] double X,
    [property: Id(2)] double Y,
    [property: Id(3)] double Width,
    [property: Id(4)] double Height);

/// <summary>
/// A line across the door. Walking from A towards B, a person crossing from the left-hand side to the right-hand
/// side is an entry; the other way is an exit.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EntryLine(
    [property: Id(0)] double Ax,
    [property: Id(1)] double Ay,
    [property: Id(2)] double Bx,
    [property: Id(3)] double By);
