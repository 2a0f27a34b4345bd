using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace OrleansHall.Analytics.Placement;

/// <summary>Welch's two-sample t-test (unequal variances), two-sided; the distribution comes from MathNet.Numerics.</summary>
public sealed record WelchResult(int BeforeCount, int AfterCount, double MeanBefore, double MeanAfter, double T, double DegreesOfFreedom, double PValue)
{
    public double Change => MeanAfter - MeanBefore;

    /// <summary>Relative change, or null when the before mean is zero.</summary>
    public double? RelativeChange => MeanBefore == 0 ? null : Change / MeanBefore;

    public bool SignificantAt(double alpha) => PValue < alpha;
}

public static class WelchTest
{
    public static WelchResult Compare(IReadOnlyList<double> before, IReadOnlyList<double> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Count < 2 || after.Count < 2)
        {
            throw new ArgumentException($"Each window needs at least 2 days with data; got {before.Count} before and {after.Count} after.");
        }

        if (before.Concat(after).Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Every value must be a finite number.");
        }

        var (m1, m2) = (before.Mean(), after.Mean());
        var (v1, v2) = (before.Variance() / before.Count, after.Variance() / after.Count);
        if (v1 + v2 == 0)
        {
            // No spread at all: identical windows are no evidence of change, different constants are certain.
            var p = m1 == m2 ? 1.0 : 0.0;
            return new WelchResult(before.Count, after.Count, m1, m2, m1 == m2 ? 0 : double.PositiveInfinity * Math.Sign(m2 - m1), before.Count + after.Count - 2, p);
        }

        var t = (m2 - m1) / Math.Sqrt(v1 + v2);
        var df = Math.Pow(v1 + v2, 2) / ((v1 * v1 / (before.Count - 1)) + (v2 * v2 / (after.Count - 1)));
        var pValue = 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(t)));
        return new WelchResult(before.Count, after.Count, m1, m2, t, df, Math.Clamp(pValue, 0, 1));
    }
}
