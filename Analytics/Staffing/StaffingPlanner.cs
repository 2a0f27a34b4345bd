using OrleansHall.Analytics.Forecasting;
using OrleansHall.Analytics.Queueing;

namespace OrleansHall.Analytics.Staffing;

/// <summary>One slot's need: the forecast arrivals, what Erlang C asks for, and the counters the simulation confirmed.</summary>
public sealed record SlotRequirement(int Slot, DateTimeOffset Start, double ArrivalsPerHour, int ErlangCounters, int Counters, double SimulatedServiceLevel);

/// <summary>
/// Counters needed per 15-minute slot. Erlang C gives a first answer from the slot's arrival rate and the mean
/// handling time; it assumes exponential handling, which overstates the spread of real counter work, so every
/// answer is then checked by the queue simulation held at the slot's rate (real handling-time distribution,
/// priority lanes): fewer counters while the simulation still meets the target, more while it does not.
/// </summary>
public sealed class StaffingPlanner(CustomerMix mix, StaffingTarget target)
{
    /// <summary>Simulated hours per check, after a warm-up hour, and replications averaged.</summary>
    public const int CheckHours = 8;

    public const int Replications = 12;

    public IReadOnlyList<SlotRequirement> Requirements(DateTimeOffset opens, IReadOnlyList<double> arrivalsPerHour, int seed = 1)
    {
        target.Validate();
        var handleSeconds = MeanHandlingSeconds();
        var result = new List<SlotRequirement>(arrivalsPerHour.Count);
        var cache = new Dictionary<(double, int), double>();
        for (var s = 0; s < arrivalsPerHour.Count; s++)
        {
            var rate = arrivalsPerHour[s];
            var erlang = rate <= 0 ? 1 : ErlangC.Required(rate, handleSeconds, target.Wait.TotalSeconds, target.ServiceLevel).Counters;
            var counters = Math.Max(1, erlang);
            double Level(int n) => cache.TryGetValue((Math.Round(rate, 3), n), out var v) ? v : cache[(Math.Round(rate, 3), n)] = SteadyServiceLevel(rate, n, seed);
            while (counters > 1 && Level(counters - 1) >= target.ServiceLevel)
            {
                counters--;
            }

            while (Level(counters) < target.ServiceLevel)
            {
                counters++;
            }

            result.Add(new SlotRequirement(s, opens + (Slots.Length * s), rate, erlang, counters, Level(counters)));
        }

        return result;
    }

    /// <summary>Share called within the target at a constant arrival rate and counter count, after a warm-up hour.</summary>
    public double SteadyServiceLevel(double arrivalsPerHour, int counters, int seed)
    {
        if (arrivalsPerHour <= 0)
        {
            return 1;
        }

        var slots = (CheckHours + 1) * 4;
        var opens = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var day = new QueueDay(opens, [.. Enumerable.Repeat(arrivalsPerHour, slots)], [.. Enumerable.Repeat(counters, slots)]);
        var simulator = new QueueSimulator(mix, target.Wait);
        var within = 0;
        var total = 0;
        for (var r = 0; r < Replications; r++)
        {
            var outcome = simulator.Run(day, seed + (r * 7919));
            // Only customers arriving after the warm-up hour and before the closing: the queue is then in its steady state.
            foreach (var ticket in outcome.Tickets.Where(t => t.IssuedAt >= opens.AddHours(1) && t.IssuedAt < opens.AddHours(CheckHours + 1)))
            {
                total++;
                within += ticket.Wait <= target.Wait ? 1 : 0;
            }
        }

        return total == 0 ? 1 : within / (double)total;
    }

    /// <summary>Mean handling seconds over the business mix (a lognormal's mean is its median times e^(sigma^2/2)).</summary>
    public double MeanHandlingSeconds()
    {
        var weight = mix.Business.Sum(b => b.Weight);
        return mix.Business.Sum(b => b.Weight / weight * mix.Handling.MeanSeconds(b.Type));
    }
}
