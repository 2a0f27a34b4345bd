using System.Numerics;
using OrleansHall.Vision.Geometry;

namespace OrleansHall.Vision.Tests.Geometry;

public sealed class SimilarityTransformTests
{
    private static readonly Vector2[] Reference =
    [
        new(38.29f, 51.70f), new(73.53f, 51.50f), new(56.03f, 71.74f), new(41.55f, 92.37f), new(70.73f, 92.20f),
    ];

    [Fact]
    public void A_rotated_scaled_shifted_face_is_mapped_exactly_back_onto_the_reference()
    {
        var truth = new SimilarityTransform(A: 2.5 * Math.Cos(0.4), B: 2.5 * Math.Sin(0.4), Tx: 300, Ty: -40);
        var inverseOfTruth = Reference.Select(truth.Apply).ToArray();

        var estimated = SimilarityTransform.Estimate(inverseOfTruth, Reference);

        Assert.Equal(1 / 2.5, estimated.Scale, 6);
        Assert.Equal(-0.4, estimated.RotationRadians, 6);
        for (var i = 0; i < Reference.Length; i++)
        {
            Assert.True(Vector2.Distance(Reference[i], estimated.Apply(inverseOfTruth[i])) < 1e-3f);
        }
    }

    [Fact]
    public void Noisy_landmarks_give_the_least_squares_fit()
    {
        var noisy = Reference.Select((p, i) => p + new Vector2(i % 2 == 0 ? 1f : -1f, i % 3 == 0 ? 0.5f : -0.5f)).ToArray();

        var estimated = SimilarityTransform.Estimate(noisy, Reference);

        // No similarity fits better than the least-squares one, not even the true (identity) transform.
        var fitted = noisy.Select((p, i) => Vector2.DistanceSquared(estimated.Apply(p), Reference[i])).Sum();
        var identity = noisy.Select((p, i) => Vector2.DistanceSquared(p, Reference[i])).Sum();
        Assert.True(fitted <= identity, $"fitted residual {fitted} exceeds the identity's {identity}");
        Assert.Equal(1.0, estimated.Scale, 1);
        Assert.Equal(0.0, estimated.RotationRadians, 1);
    }

    [Fact]
    public void The_affine_matrix_is_row_major_2x3()
    {
        var t = new SimilarityTransform(A: 0, B: 1, Tx: 5, Ty: 7);

        Assert.Equal([0, -1, 5, 1, 0, 7], t.ToAffineMatrix());
        Assert.Equal(new Vector2(5, 8), t.Apply(new Vector2(1, 0)));
    }

    [Fact]
    public void Coincident_points_are_refused()
    {
        Vector2[] same = [new(1, 1), new(1, 1)];

        var error = Assert.Throws<ArgumentException>(() => SimilarityTransform.Estimate(same, Reference.AsSpan(0, 2)));

        Assert.Contains("coincide", error.Message);
    }

    [Fact]
    public void Mismatched_point_counts_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => SimilarityTransform.Estimate(Reference.AsSpan(0, 3), Reference));

        Assert.Contains("3 source vs 5 target", error.Message);
    }
}
