using OrleansHall.Vision.Geometry;

namespace OrleansHall.Vision.People;

/// <summary>What the people detector found in one frame.</summary>
/// <param name="People">Person boxes with the detector's score, in frame pixels.</param>
/// <param name="MotionRegions">The regions that moved, the whole frame on a keyframe, none when nothing moved.</param>
/// <param name="MovingFraction">Share of the frame's pixels that moved (0..1).</param>
/// <param name="Keyframe">The whole frame was searched and still people kept.</param>
/// <param name="Still">On a keyframe, those of <paramref name="People"/> that did not move.</param>
public sealed record PeopleFrame(
    IReadOnlyList<ScoredBox> People, IReadOnlyList<Box> MotionRegions, double MovingFraction, bool Keyframe = false, IReadOnlyList<ScoredBox>? Still = null)
{
    /// <summary>False when no motion was seen and the person search was skipped.</summary>
    public bool Searched => MotionRegions.Count > 0;
}
