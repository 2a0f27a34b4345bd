using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using OrleansHall.Analytics.Demand;
using OrleansHall.Analytics.Forecasting;
using OrleansHall.Analytics.Queueing;
using OrleansHall.Device;
using OrleansHall.Forecast;
using OrleansHall.History;
using OrleansHall.Queue;

namespace OrleansHall.Clients.Simulation;

/// <summary>What a back-fill wrote, and how far each wait predictor was off on the simulated tickets.</summary>
public sealed record BackfillResult(int Days, int Events, int Tickets, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> PredictorMaeMinutes);

/// <summary>
/// Writes weeks of simulated past into halls' event logs at full speed, then rolls them up. Each hall-day: customers
/// arrive as a Poisson stream following the hall's demand (weekday/hour profile, lunch dip, month-end, holidays, a
/// day-to-day swing); three in four take a ticket and queue in a discrete-event simulation of the counters (all open,
/// one fewer over lunch), the rest only use a kiosk; some bring a companion; a few tickets are no-shows. Everything
/// is seeded by hall and day and every event id derived from them, so running it again over the same days adds
/// nothing twice.
/// </summary>
public sealed class HistoryBackfill(IGrainFactory grains, TimeZoneInfo zone)
{
    public const double TicketShare = 0.75;
    public const double KioskShareOfTickets = 0.2;
    public const double CompanionShare = 0.15;
    public const double NoShowShare = 0.03;

    /// <summary>The wait rule the live queue used while this history happened, and so the one tickets carry.</summary>
    public static readonly IWaitPredictor LivePredictor = new CallingOrderPredictor();

    private static readonly IWaitPredictor[] Predictors = [new ShareOfCountersPredictor(), new CallingOrderPredictor()];

    public async Task<BackfillResult> RunAsync(IReadOnlyList<HallPlan> halls, DateOnly firstDay, DateOnly lastDay, Action<HallPlan, int, int> progress, CancellationToken stopping)
    {
        var errors = Predictors.ToDictionary(p => p.Name, _ => new Dictionary<string, (double Sum, int Count)>());
        int days = 0, events = 0, tickets = 0;
        var total = lastDay.DayNumber - firstDay.DayNumber + 1;
        foreach (var plan in halls)
        {
            var history = grains.GetGrain<IHallHistoryGrain>(plan.HallId);
            var demand = new HallDemand(new ArrivalProfile(plan.PeakPerHour), plan.HallId);
            for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
            {
                stopping.ThrowIfCancellationRequested();
                var (batch, simulated) = Day(plan, demand, day);
                events += await history.ImportAsync(batch);
                tickets += simulated.Count;
                foreach (var ticket in simulated)
                {
                    foreach (var predictor in Predictors)
                    {
                        var perType = errors[predictor.Name];
                        var (sum, count) = perType.GetValueOrDefault(ticket.BusinessType);
                        perType[ticket.BusinessType] = (sum + Math.Abs((ticket.Predicted[predictor.Name] - ticket.Wait).TotalMinutes), count + 1);
                    }
                }

                days++;
                progress(plan, day.DayNumber - firstDay.DayNumber + 1, total);
            }

            await history.RollUpAsync(firstDay, lastDay);
            // New history: the forecast (and the staffing built on it) is fitted again now rather than tonight.
            await grains.GetGrain<IHallForecastGrain>(plan.HallId).RefitAsync();
        }

        return new BackfillResult(days, events, tickets, errors.ToDictionary(
            e => e.Key,
            e => (IReadOnlyDictionary<string, double>)e.Value.OrderBy(t => t.Key, StringComparer.Ordinal)
                .ToDictionary(t => t.Key, t => Math.Round(t.Value.Sum / t.Value.Count, 2))));
    }

    /// <summary>One hall-day of activity, and the simulated tickets behind it (with both predictors' guesses).</summary>
    public (HistoryBatch Batch, IReadOnlyList<SimulatedTicket> Tickets) Day(HallPlan plan, HallDemand demand, DateOnly day)
    {
        var seed = Seed(plan.HallId, day);
        var random = new Random(seed);
        var customers = demand.RatesPerHour(day);
        var opensLocal = day.ToDateTime(TimeOnly.FromTimeSpan(ArrivalProfile.Opens));
        var opens = new DateTimeOffset(opensLocal, zone.GetUtcOffset(opensLocal));
        var counters = plan.Counters.Length;
        // One counter closes for lunch, 11:30-13:30 (slots 12-19 from 08:30).
        var open = Enumerable.Range(0, customers.Length).Select(s => s is >= 12 and < 20 ? Math.Max(1, counters - 1) : counters).ToArray();
        var simulator = new QueueSimulator(CustomerMix.Default, TimeSpan.FromMinutes(10), Predictors);
        var outcome = simulator.Run(new QueueDay(opens, [.. customers.Select(c => c * TicketShare)], open), seed);

        var passages = ImmutableArray.CreateBuilder<PastPassage>();
        var uses = ImmutableArray.CreateBuilder<PastDeviceUse>();
        var tickets = ImmutableArray.CreateBuilder<PastTicket>();
        var numbers = new Dictionary<string, int>();
        var n = 0;
        Guid Id(string what) => Derived(plan.HallId, day, what, n);

        foreach (var t in outcome.Tickets.OrderBy(t => t.IssuedAt))
        {
            n++;
            var people = random.NextDouble() < CompanionShare ? 2 : 1;
            var entered = t.IssuedAt.AddMinutes(-0.5 - random.NextDouble());
            passages.Add(new PastPassage(Id("in"), HallPlan.Sensor, people, 0, entered));
            if (random.NextDouble() < KioskShareOfTickets)
            {
                uses.Add(new PastDeviceUse(Id("kiosk"), HallPlan.Kiosks[n % HallPlan.Kiosks.Length], DeviceKind.Kiosk, t.BusinessType, true, entered.AddSeconds(20)));
            }

            if (t.BusinessType is BusinessTypes.NewConnection or BusinessTypes.AccountChange)
            {
                uses.Add(new PastDeviceUse(Id("id"), HallPlan.IdReader, DeviceKind.IdCardReader, t.BusinessType, true, t.CalledAt.AddMinutes(1)));
            }

            var noShow = random.NextDouble() < NoShowShare;
            var prefix = t.Priority == 2 ? "V" : ((char)('A' + Math.Max(0, BusinessTypes.All.ToList().IndexOf(t.BusinessType)))).ToString();
            numbers[prefix] = numbers.GetValueOrDefault(prefix) + 1;
            var finished = noShow ? t.CalledAt.AddMinutes(2) : t.FinishedAt;
            var ticket = new Ticket($"{prefix}{numbers[prefix]:D3}", t.BusinessType, null, (TicketPriority)t.Priority,
                noShow ? TicketStatus.NoShow : TicketStatus.Completed, t.IssuedAt, t.CalledAt,
                noShow ? null : t.CalledAt.AddSeconds(30), finished, plan.Counters[Math.Min(t.Counter, counters - 1)], t.Predicted[LivePredictor.Name]);
            tickets.Add(new PastTicket(Id("ticket"), ticket));
            passages.Add(new PastPassage(Id("out"), HallPlan.Sensor, 0, people, finished.AddMinutes(0.5 + random.NextDouble())));
        }

        // Customers who only use a kiosk (paying a bill, printing an invoice) and leave.
        for (var s = 0; s < customers.Length; s++)
        {
            var mean = customers[s] * (1 - TicketShare) * Slots.Length.TotalHours;
            var count = MathNet.Numerics.Distributions.Poisson.Sample(random, Math.Max(mean, 1e-9));
            for (var k = 0; k < count; k++)
            {
                n++;
                var at = opens + (Slots.Length * (s + random.NextDouble()));
                passages.Add(new PastPassage(Id("in"), HallPlan.Sensor, 1, 0, at));
                uses.Add(new PastDeviceUse(Id("kiosk"), HallPlan.Kiosks[n % HallPlan.Kiosks.Length], DeviceKind.Kiosk,
                    random.NextDouble() < 0.7 ? BusinessTypes.BillPayment : BusinessTypes.Invoice, random.NextDouble() > 0.02, at.AddMinutes(1)));
                passages.Add(new PastPassage(Id("out"), HallPlan.Sensor, 0, 1, at.AddMinutes(4 + (6 * random.NextDouble()))));
            }
        }

        return (new HistoryBatch(passages.ToImmutable(), tickets.ToImmutable(), uses.ToImmutable()), outcome.Tickets);
    }

    private static int Seed(string hallId, DateOnly day)
        => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{hallId}/{day.DayNumber}")));

    private static Guid Derived(string hallId, DateOnly day, string what, int n)
        => new(SHA256.HashData(Encoding.UTF8.GetBytes($"history/{hallId}/{day.DayNumber}/{n}/{what}")).AsSpan(0, 16));
}
