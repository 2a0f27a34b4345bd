using System.Collections.Immutable;
using System.Numerics;
using OrleansHall.Vision.Geometry;

namespace OrleansHall.Vision.Faces;

/// <summary>
/// Everything the pipeline learned about one face in an image.
/// </summary>
/// <param name="Box">Square face box in source pixels.</param>
/// <param name="Score">Detector probability, 0..1.</param>
/// <param name="Landmarks">The 68 iBUG points in source pixels.</param>
/// <param name="Embedding">512 floats, unit length: cosine similarity is a dot product.</param>
/// <param name="Age">Estimated age in years (NaN when attributes were not estimated).</param>
/// <param name="MaleScore">0 = female .. 1 = male (NaN when not estimated).</param>
/// <param name="Liveness">Probability that a live face, not a print or screen, is in front of the camera (NaN when not estimated).</param>
public sealed record FaceAnalysis(
    Box Box,
    float Score,
    ImmutableArray<Vector2> Landmarks,
    float[] Embedding,
    float Age,
    float MaleScore,
    float Liveness)
{
    public Gender? Gender => float.IsNaN(MaleScore) ? null : MaleScore >= 0.5f ? Faces.Gender.Male : Faces.Gender.Female;
}
