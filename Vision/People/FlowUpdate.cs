using OrleansHall.Vision.Geometry;
using OrleansHall.Vision.Tracking;

namespace OrleansHall.Vision.People;

/// <summary>One frame's worth of people flow: who is visible, the tracks following them, and line crossings.</summary>
/// <param name="People">Person detections in this frame, frame pixels.</param>
/// <param name="Tracks">
/// Confirmed tracks in view: seen in this frame, or (a person standing still, between keyframes) seen within the
/// last keyframe interval. Feet positions give dwell and heat.
/// </param>
/// <param name="Crossings">Tracks that crossed the counting line in this frame.</param>
/// <param name="Searched">False when nothing moved and the people search was skipped.</param>
public sealed record FlowUpdate(
    IReadOnlyList<ScoredBox> People,
    IReadOnlyList<Track> Tracks,
    IReadOnlyList<LineCrossing> Crossings,
    bool Searched);
