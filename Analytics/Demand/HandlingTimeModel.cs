namespace OrleansHall.Analytics.Demand;

/// <summary>
/// Counter handling time per business type, lognormal (many short cases, a long tail of hard ones), given by its
/// median and the spread sigma of the underlying normal, per type or one for all.
/// </summary>
public sealed class HandlingTimeModel(
    IReadOnlyDictionary<string, TimeSpan> medians, double sigma, TimeSpan fallbackMedian, IReadOnlyDictionary<string, double>? sigmas = null)
{
    private const double Z90 = 1.2815515655446004;

    public static HandlingTimeModel Default { get; } = new(
        new Dictionary<string, TimeSpan>
        {
            [BusinessTypes.BillPayment] = TimeSpan.FromMinutes(4),
            [BusinessTypes.NewConnection] = TimeSpan.FromMinutes(15),
            [BusinessTypes.MeterIssue] = TimeSpan.FromMinutes(9),
            [BusinessTypes.Invoice] = TimeSpan.FromMinutes(3),
            [BusinessTypes.AccountChange] = TimeSpan.FromMinutes(7),
        },
        sigma: 0.5,
        fallbackMedian: TimeSpan.FromMinutes(6));

    /// <summary>
    /// The lognormal per type that has the measured mean and 90th percentile: p90 / mean = e^(1.28 sigma - sigma^2 / 2),
    /// solved for sigma (kept within 0.1..1.5, where a counter's work plausibly lies), then median = mean / e^(sigma^2 / 2).
    /// </summary>
    public static HandlingTimeModel FromMeasured(IReadOnlyDictionary<string, (TimeSpan Mean, TimeSpan P90)> measured, HandlingTimeModel fallback)
    {
        var medians = new Dictionary<string, TimeSpan>();
        var sigmas = new Dictionary<string, double>();
        foreach (var (type, (mean, p90)) in measured)
        {
            if (mean <= TimeSpan.Zero || p90 <= TimeSpan.Zero)
            {
                continue;
            }

            var ratio = Math.Log(p90 / mean);
            var discriminant = (Z90 * Z90) - (2 * ratio);
            var s = Math.Clamp(discriminant < 0 ? Z90 : Z90 - Math.Sqrt(discriminant), 0.1, 1.5);
            sigmas[type] = s;
            medians[type] = mean / Math.Exp(s * s / 2);
        }

        foreach (var type in fallback.Types.Where(t => !medians.ContainsKey(t)))
        {
            medians[type] = fallback.Median(type);
            sigmas[type] = fallback.Sigma(type);
        }

        return new HandlingTimeModel(medians, fallback.Sigma(""), fallback.Median(""), sigmas);
    }

    public IEnumerable<string> Types => medians.Keys;

    public TimeSpan Median(string businessType) => medians.GetValueOrDefault(businessType, fallbackMedian);

    public double Sigma(string businessType) => sigmas?.GetValueOrDefault(businessType, sigma) ?? sigma;

    public double MeanSeconds(string businessType) => Median(businessType).TotalSeconds * Math.Exp(Sigma(businessType) * Sigma(businessType) / 2);

    public TimeSpan Sample(string businessType, Random random)
    {
        // Box-Muller for a standard normal draw.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return TimeSpan.FromSeconds(Median(businessType).TotalSeconds * Math.Exp(Sigma(businessType) * normal));
    }
}
