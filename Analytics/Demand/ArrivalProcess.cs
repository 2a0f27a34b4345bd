namespace OrleansHall.Analytics.Demand;

/// <summary>
/// Arrival times of a non-homogeneous Poisson process following an <see cref="ArrivalProfile"/>, sampled
/// by thinning: candidates come at the profile's maximum rate and each is kept with probability
/// rate(t) / max. Closed hours have rate zero, so the sampler jumps straight to the next opening.
/// </summary>
public sealed class ArrivalProcess(ArrivalProfile profile, Random random)
{
    public DateTime Next(DateTime afterLocal)
    {
        var max = profile.MaxRatePerHour;
        var t = ArrivalProfile.NextOpening(afterLocal);
        while (true)
        {
            // Exponential gap at the maximum rate; 1 - NextDouble() is in (0, 1], so the log is finite.
            var gapHours = -Math.Log(1 - random.NextDouble()) / max;
            t = t.AddHours(gapHours);
            if (!ArrivalProfile.IsOpen(t))
            {
                t = ArrivalProfile.NextOpening(t);
                continue;
            }

            if (random.NextDouble() * max < profile.RatePerHour(t))
            {
                return t;
            }
        }
    }
}
