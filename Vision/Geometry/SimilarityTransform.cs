using System.Numerics;

namespace OrleansHall.Vision.Geometry;

/// <summary>
/// A 2-D similarity (rotation, uniform scale, translation): x' = a*x - b*y + tx, y' = b*x + a*y + ty.
/// Used to align a face's five landmarks onto the reference points the embedding model was trained with.
/// </summary>
public readonly record struct SimilarityTransform(double A, double B, double Tx, double Ty)
{
    public double Scale => Math.Sqrt((A * A) + (B * B));

    public double RotationRadians => Math.Atan2(B, A);

    public Vector2 Apply(Vector2 p) => new(
        (float)((A * p.X) - (B * p.Y) + Tx),
        (float)((B * p.X) + (A * p.Y) + Ty));

    /// <summary>Row-major 2x3 affine matrix, the layout OpenCV's warpAffine expects.</summary>
    public double[] ToAffineMatrix() => [A, -B, Tx, B, A, Ty];

    /// <summary>
    /// Least-squares similarity mapping <paramref name="source"/> onto <paramref name="target"/>
    /// (closed form; exact when the point sets differ only by a similarity).
    /// </summary>
    public static SimilarityTransform Estimate(ReadOnlySpan<Vector2> source, ReadOnlySpan<Vector2> target)
    {
        if (source.Length != target.Length)
        {
            throw new ArgumentException($"Point counts differ: {source.Length} source vs {target.Length} target; expected equal counts.");
        }

        if (source.Length < 2)
        {
            throw new ArgumentException($"Got {source.Length} point pairs; a similarity needs at least 2.");
        }

        double msx = 0, msy = 0, mtx = 0, mty = 0;
        for (var i = 0; i < source.Length; i++)
        {
            msx += source[i].X;
            msy += source[i].Y;
            mtx += target[i].X;
            mty += target[i].Y;
        }

        var n = source.Length;
        msx /= n;
        msy /= n;
        mtx /= n;
        mty /= n;

        double dot = 0, cross = 0, norm = 0;
        for (var i = 0; i < n; i++)
        {
            double sx = source[i].X - msx, sy = source[i].Y - msy;
            double tx = target[i].X - mtx, ty = target[i].Y - mty;
            dot += (sx * tx) + (sy * ty);
            cross += (sx * ty) - (sy * tx);
            norm += (sx * sx) + (sy * sy);
        }

        if (norm < 1e-12)
        {
            throw new ArgumentException("Source points all coincide; expected at least two distinct points.");
        }

        var a = dot / norm;
        var b = cross / norm;
        return new SimilarityTransform(a, b, mtx - ((a * msx) - (b * msy)), mty - ((b * msx) + (a * msy)));
    }
}
