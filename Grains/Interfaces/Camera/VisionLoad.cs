namespace OrleansHall.Camera;

/// <summary>
/// Work done by one silo's vision slots since it started: per stage, how many runs and their total milliseconds
/// (CPU time inside a slot, not waiting for one). Two readings apart give the mean cost of a frame in between.
/// Face frames are counted by the size they were analysed at: half size when every face is large enough there.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VisionLoad(
    [property: Id(0)] int Slots,
    [property: Id(1)] long PeopleRuns,
    [property: Id(2)] double PeopleMilliseconds,
    [property: Id(3)] long FaceRuns,
    [property: Id(4)] double FaceMilliseconds,
    [property: Id(5)] long OtherRuns,
    [property: Id(6)] double OtherMilliseconds,
    [property: Id(7)] long FacesAtHalfSize = 0,
    [property: Id(8)] long FacesAtFullSize = 0);
