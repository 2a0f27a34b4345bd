namespace OrleansHall.Hall;

/// <summary>
/// What the hall's visitor ledger made of one face a camera saw: which visitor it is (an id valid while the visit
/// lasts), whether that visitor is new to the hall within the dedup window, and whether the camera should look the
/// face up in the gallery (a visitor not yet identified, checked again every few seconds while in view).
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct Sighting(
    [property: Id(0)] long VisitorId,
    [property: Id(1)] bool NewVisitor,
    [property: Id(2)] bool Identify);
