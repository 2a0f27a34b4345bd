using System.Collections.Immutable;

namespace OrleansHall.History;

/// <summary>One business type over a span of slots.</summary>
[GenerateSerializer, Immutable]
public sealed record BusinessTotals(
    [property: Id(0)] string BusinessType,
    [property: Id(1)] int Issued,
    [property: Id(2)] int Called,
    [property: Id(3)] int Served,
    [property: Id(4)] int NoShows,
    [property: Id(5)] double? MeanWaitMinutes,
    [property: Id(6)] double? ServiceLevel,
    [property: Id(7)] double? MeanHandlingMinutes,
    [property: Id(8)] double? PredictionErrorMinutes);

/// <summary>One counter over a span of slots: customers completed and the minutes spent on them.</summary>
[GenerateSerializer, Immutable]
public sealed record CounterTotals(
    [property: Id(0)] string Counter,
    [property: Id(1)] int Served,
    [property: Id(2)] double HandlingMinutes)
{
    public double? MeanHandlingMinutes => Served == 0 ? null : Math.Round(HandlingMinutes / Served, 2);
}

/// <summary>
/// A span of slots added up: counts summed, means and service level weighted by the customers behind them (not
/// averaged over slots), peak occupancy the highest of the span.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RollupTotals(
    [property: Id(0)] int Entries,
    [property: Id(1)] int Exits,
    [property: Id(2)] int PeakOccupancy,
    [property: Id(3)] int Issued,
    [property: Id(4)] int Served,
    [property: Id(5)] int NoShows,
    [property: Id(6)] double? MeanWaitMinutes,
    [property: Id(7)] double? ServiceLevel,
    [property: Id(8)] double? MeanHandlingMinutes,
    [property: Id(9)] int KioskUses,
    [property: Id(10)] int IdReaderUses,
    [property: Id(11)] int AlertsRaised,
    [property: Id(12)] ImmutableArray<BusinessTotals> ByType,
    [property: Id(13)] ImmutableArray<CounterTotals> ByCounter)
{
    public static RollupTotals Of(IEnumerable<SlotRollup> slots)
    {
        var list = slots.ToList();
        var types = list.SelectMany(s => s.ByType).GroupBy(b => b.BusinessType, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var called = g.Sum(b => b.Called);
                var served = g.Sum(b => b.Served);
                var predicted = g.Sum(b => b.Predicted);
                return new BusinessTotals(g.Key, g.Sum(b => b.Issued), called, served, g.Sum(b => b.NoShows),
                    Ratio(g.Sum(b => b.WaitSumMinutes), called), Ratio(g.Sum(b => b.WithinTarget), called, 4),
                    Ratio(g.Sum(b => b.HandlingSumMinutes), served), Ratio(g.Sum(b => b.PredictionErrorSumMinutes), predicted));
            }).ToImmutableArray();
        var counters = list.SelectMany(s => s.ByCounter.IsDefault ? [] : s.ByCounter).GroupBy(c => c.Counter, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CounterTotals(g.Key, g.Sum(c => c.Served), Math.Round(g.Sum(c => c.HandlingSumMinutes), 2))).ToImmutableArray();
        var allCalled = types.Sum(t => t.Called);
        var allServed = types.Sum(t => t.Served);
        return new RollupTotals(
            list.Sum(s => s.Entries), list.Sum(s => s.Exits), list.Select(s => s.PeakOccupancy).DefaultIfEmpty(0).Max(),
            types.Sum(t => t.Issued), allServed, types.Sum(t => t.NoShows),
            Ratio(list.SelectMany(s => s.ByType).Sum(b => b.WaitSumMinutes), allCalled),
            Ratio(list.SelectMany(s => s.ByType).Sum(b => b.WithinTarget), allCalled, 4),
            Ratio(list.SelectMany(s => s.ByType).Sum(b => b.HandlingSumMinutes), allServed),
            list.Sum(s => s.KioskUses), list.Sum(s => s.IdReaderUses), list.Sum(s => s.AlertsRaised), types, counters);
    }

    private static double? Ratio(double sum, int count, int digits = 2) => count == 0 ? null : Math.Round(sum / count, digits);
}
