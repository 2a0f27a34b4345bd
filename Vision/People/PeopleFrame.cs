using OrleansHall.Vision.Geometry;

namespace OrleansHall.Vision.People;

/// <summary>What the people detector found in one frame.</summary>
/// <param name="People">Person boxes with HOG confidence, in frame pixels.</param>
/// <param name="MotionRegions">The moving regions HOG searched (empty when nothing moved).</param>
/// <param name="MovingFraction">Share of the frame's pixels that moved (0..1).</param>
public sealed record PeopleFrame(IReadOnlyList<ScoredBox> People, IReadOnlyList<Box> MotionRegions, double MovingFraction)
{
    /// <summary>False when no motion was seen and the costly HOG search was skipped.</summary>
    public bool Searched => MotionRegions.Count > 0;
}
