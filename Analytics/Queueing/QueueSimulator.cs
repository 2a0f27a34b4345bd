using OrleansHall.Analytics.Demand;
using OrleansHall.Analytics.Forecasting;

namespace OrleansHall.Analytics.Queueing;

/// <summary>A day to simulate: per 15-minute slot from opening, arrivals per hour and counters open.</summary>
public sealed record QueueDay(DateTimeOffset Opens, IReadOnlyList<double> ArrivalsPerHour, IReadOnlyList<int> Counters)
{
    public int SlotCount => ArrivalsPerHour.Count;
}

/// <summary>Who comes and how long they take: business mix, handling time per type, priority shares.</summary>
public sealed record CustomerMix(IReadOnlyList<(string Type, double Weight)> Business, HandlingTimeModel Handling, double VipShare = 0.03, double SpecialNeedsShare = 0.07)
{
    public static CustomerMix Default { get; } = new(BusinessTypes.Mix, HandlingTimeModel.Default);

    public string PickType(Random random)
    {
        var draw = random.NextDouble() * Business.Sum(b => b.Weight);
        foreach (var (type, weight) in Business)
        {
            draw -= weight;
            if (draw < 0)
            {
                return type;
            }
        }

        return Business[^1].Type;
    }

    public int PickPriority(Random random)
    {
        var draw = random.NextDouble();
        return draw < VipShare ? 2 : draw < VipShare + SpecialNeedsShare ? 1 : 0;
    }
}

/// <summary>One simulated customer: when they took a ticket, were called, and finished, and what was predicted.</summary>
public sealed record SimulatedTicket(
    string BusinessType, int Priority, DateTimeOffset IssuedAt, DateTimeOffset CalledAt, DateTimeOffset FinishedAt, int Counter,
    IReadOnlyDictionary<string, TimeSpan> Predicted)
{
    public TimeSpan Wait => CalledAt - IssuedAt;

    public TimeSpan Handling => FinishedAt - CalledAt;
}

/// <summary>What a simulated day gave: every ticket, and per slot the share called within the target.</summary>
public sealed record QueueOutcome(IReadOnlyList<SimulatedTicket> Tickets, IReadOnlyList<double> SlotServiceLevel, double ServiceLevel, double MeanWaitMinutes, double Occupancy);

/// <summary>
/// A discrete-event simulation of one hall queue: Poisson arrivals at the slot's rate, handling times drawn from the
/// customer mix, one queue called highest priority first and first come first served within a priority (a regular
/// ticket waiting past the ageing limit counts as special needs), counters opening and closing at slot boundaries
/// (a counter that closes finishes its customer first). Customers still waiting at closing time are served by the
/// counters of the last slot. Deterministic for a seed.
/// </summary>
public sealed class QueueSimulator(CustomerMix mix, TimeSpan target, IReadOnlyList<IWaitPredictor>? predictors = null)
{
    public static readonly TimeSpan Ageing = TimeSpan.FromMinutes(30);

    private const int RecentKept = 20;

    public QueueOutcome Run(QueueDay day, int seed)
    {
        var random = new Random(seed);
        var arrivals = Arrivals(day, random);
        var slots = day.SlotCount;
        var maxCounters = Math.Max(1, day.Counters.DefaultIfEmpty(1).Max());
        var busyUntil = new DateTimeOffset?[maxCounters];
        var serving = new (string Type, DateTimeOffset Since)?[maxCounters];
        var waiting = new List<(Arrival Arrival, Dictionary<string, TimeSpan> Predicted)>();
        var recent = new Dictionary<string, List<double>>();
        var tickets = new List<SimulatedTicket>(arrivals.Count);
        var end = day.Opens + (Slots.Length * slots);
        double busyMinutes = 0, openMinutes = 0;
        var next = 0;
        var now = day.Opens;

        int OpenAt(DateTimeOffset t)
        {
            var slot = (int)Math.Floor((t - day.Opens) / Slots.Length);
            return slot < 0 ? 0 : day.Counters[Math.Min(slot, slots - 1)];
        }

        for (var s = 0; s < slots; s++)
        {
            openMinutes += day.Counters[s] * Slots.Length.TotalMinutes;
        }

        while (next < arrivals.Count || waiting.Count > 0)
        {
            // The next event: an arrival, a counter finishing, or a slot boundary (counters may open).
            var nextArrival = next < arrivals.Count ? arrivals[next].At : DateTimeOffset.MaxValue;
            var nextFinish = busyUntil.Where(b => b is not null).Select(b => b!.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            var boundary = now < end ? day.Opens + (Slots.Length * (Math.Floor((now - day.Opens) / Slots.Length) + 1)) : DateTimeOffset.MaxValue;
            now = new[] { nextArrival, nextFinish, boundary }.Min();
            if (now == DateTimeOffset.MaxValue)
            {
                break;
            }

            for (var c = 0; c < maxCounters; c++)
            {
                if (busyUntil[c] is { } until && until <= now)
                {
                    var (type, since) = serving[c]!.Value;
                    var samples = recent.TryGetValue(type, out var list) ? list : recent[type] = [];
                    samples.Add((until - since).TotalMinutes);
                    if (samples.Count > RecentKept)
                    {
                        samples.RemoveAt(0);
                    }

                    busyUntil[c] = null;
                    serving[c] = null;
                }
            }

            while (next < arrivals.Count && arrivals[next].At <= now)
            {
                var arrival = arrivals[next++];
                var predicted = new Dictionary<string, TimeSpan>();
                if (predictors is { Count: > 0 })
                {
                    var view = View(waiting.Select(w => w.Arrival), busyUntil, serving, OpenAt(now), recent, now);
                    foreach (var predictor in predictors)
                    {
                        predicted[predictor.Name] = predictor.Predict(view, arrival.Type, arrival.Priority);
                    }
                }

                waiting.Add((arrival, predicted));
            }

            // Free open counters call the next ticket; after closing the last slot's counters (at least one) carry on.
            var open = now < end ? OpenAt(now) : Math.Max(1, day.Counters[^1]);
            for (var c = 0; c < open && waiting.Count > 0; c++)
            {
                if (busyUntil[c] is not null)
                {
                    continue;
                }

                var pick = waiting.Select((w, i) => (w, i))
                    .OrderByDescending(x => Effective(x.w.Arrival, now))
                    .ThenBy(x => x.w.Arrival.At)
                    .First();
                waiting.RemoveAt(pick.i);
                var handling = mix.Handling.Sample(pick.w.Arrival.Type, random);
                busyUntil[c] = now + handling;
                serving[c] = (pick.w.Arrival.Type, now);
                busyMinutes += handling.TotalMinutes;
                tickets.Add(new SimulatedTicket(pick.w.Arrival.Type, pick.w.Arrival.Priority, pick.w.Arrival.At, now, now + handling, c, pick.w.Predicted));
            }
        }

        return Summarise(day, tickets, busyMinutes, openMinutes);
    }

    private QueueOutcome Summarise(QueueDay day, List<SimulatedTicket> tickets, double busyMinutes, double openMinutes)
    {
        var perSlot = new double[day.SlotCount];
        for (var s = 0; s < day.SlotCount; s++)
        {
            var from = day.Opens + (Slots.Length * s);
            var inSlot = tickets.Where(t => t.IssuedAt >= from && t.IssuedAt < from + Slots.Length).ToList();
            perSlot[s] = inSlot.Count == 0 ? 1 : inSlot.Count(t => t.Wait <= target) / (double)inSlot.Count;
        }

        return new QueueOutcome(
            tickets,
            perSlot,
            tickets.Count == 0 ? 1 : tickets.Count(t => t.Wait <= target) / (double)tickets.Count,
            tickets.Count == 0 ? 0 : tickets.Average(t => t.Wait.TotalMinutes),
            openMinutes == 0 ? 0 : Math.Min(1, busyMinutes / openMinutes));
    }

    private static int Effective(Arrival arrival, DateTimeOffset now) => arrival.Priority == 0 && now - arrival.At >= Ageing ? 1 : arrival.Priority;

    private static QueueView View(
        IEnumerable<Arrival> waiting, DateTimeOffset?[] busyUntil, (string Type, DateTimeOffset Since)?[] serving, int open,
        Dictionary<string, List<double>> recent, DateTimeOffset now)
    {
        var ordered = waiting
            .Select(a => new WaitingTicket(a.Type, Effective(a, now), a.At))
            .OrderByDescending(t => t.Priority).ThenBy(t => t.IssuedAt).ToList();
        var counters = new List<CounterView>();
        for (var c = 0; c < busyUntil.Length; c++)
        {
            if (c < open || serving[c] is not null)
            {
                counters.Add(new CounterView(c < open, serving[c]?.Type, serving[c]?.Since));
            }
        }

        return new QueueView(ordered, counters, recent.ToDictionary(r => r.Key, r => (IReadOnlyList<double>)[.. r.Value]), now);
    }

    private List<Arrival> Arrivals(QueueDay day, Random random)
    {
        var arrivals = new List<Arrival>();
        for (var s = 0; s < day.SlotCount; s++)
        {
            var rate = day.ArrivalsPerHour[s];
            if (!double.IsFinite(rate) || rate < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(day), rate, $"Slot {s}: expected arrivals per hour of zero or more.");
            }

            var from = day.Opens + (Slots.Length * s);
            var t = 0.0;
            while (rate > 0)
            {
                t += -Math.Log(1 - random.NextDouble()) / rate * 60;
                if (t >= Slots.Length.TotalMinutes)
                {
                    break;
                }

                arrivals.Add(new Arrival(from.AddMinutes(t), mix.PickType(random), mix.PickPriority(random)));
            }
        }

        return arrivals;
    }

    private readonly record struct Arrival(DateTimeOffset At, string Type, int Priority);
}
