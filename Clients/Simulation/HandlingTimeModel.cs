namespace OrleansHall.Clients.Simulation;

/// <summary>
/// Counter handling time per business type, lognormal (many short cases, a long tail of hard ones),
/// given by its median and the spread sigma of the underlying normal.
/// </summary>
public sealed class HandlingTimeModel(IReadOnlyDictionary<string, TimeSpan> medians, double sigma, TimeSpan fallbackMedian)
{
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

    public TimeSpan Median(string businessType) => medians.GetValueOrDefault(businessType, fallbackMedian);

    public TimeSpan Sample(string businessType, Random random)
    {
        // Box-Muller for a standard normal draw.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return TimeSpan.FromSeconds(Median(businessType).TotalSeconds * Math.Exp(sigma * normal));
    }
}
