using System.Numerics;
using OrleansHall.Vision.Geometry;

namespace OrleansHall.Vision.Tracking;

/// <summary>One person followed across frames.</summary>
/// <param name="Id">Stable for the life of the track; never reused by a tracker.</param>
/// <param name="Box">Last matched box (or the predicted one while the person is briefly unseen).</param>
/// <param name="Velocity">Smoothed motion of the box centre, pixels per frame.</param>
/// <param name="Hits">Frames in which a detection was matched.</param>
/// <param name="Missed">Consecutive frames without a match.</param>
/// <param name="Confirmed">Seen often enough to be trusted as a person, not a one-frame false alarm.</param>
public sealed record Track(long Id, Box Box, Vector2 Velocity, int Hits, int Missed, bool Confirmed)
{
    /// <summary>Where the person stands: the bottom centre of the box.</summary>
    public Vector2 Feet => new(Box.Center.X, Box.Bottom);
}
