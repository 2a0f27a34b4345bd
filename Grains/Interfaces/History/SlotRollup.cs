using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace OrleansHall.History;

/// <summary>
/// One hall's 15-minute slot as the event log tells it afterwards. Ticket figures belong to the slot the ticket was
/// issued in (when the customer arrived), so a slot's waits are its customers' waits.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SlotRollup(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] int Entries,
    [property: Id(2)] int Exits,
    [property: Id(3)] int PeakOccupancy,
    [property: Id(4)] ImmutableArray<BusinessRollup> ByType,
    [property: Id(5)] double WaitP90Minutes,
    [property: Id(6)] double HandlingP90Minutes,
    [property: Id(7)] int KioskUses,
    [property: Id(8)] int IdReaderUses,
    [property: Id(9)] int AlertsRaised,
    [property: Id(10)] ImmutableArray<CounterRollup> ByCounter = default,
    [property: Id(11)] ImmutableArray<DeviceRollup> ByDevice = default)
{
    [JsonIgnore]
    public int Issued => ByType.Sum(b => b.Issued);

    [JsonIgnore]
    public int Called => ByType.Sum(b => b.Called);

    [JsonIgnore]
    public int Served => ByType.Sum(b => b.Served);

    [JsonIgnore]
    public int NoShows => ByType.Sum(b => b.NoShows);

    /// <summary>Share of this slot's called customers called within the hall's target wait; null when nobody was called.</summary>
    [JsonIgnore]
    public double? ServiceLevel => Called == 0 ? null : ByType.Sum(b => b.WithinTarget) / (double)Called;

    [JsonIgnore]
    public double? WaitMeanMinutes => Called == 0 ? null : ByType.Sum(b => b.WaitSumMinutes) / Called;

    [JsonIgnore]
    public double? HandlingMeanMinutes => Served == 0 ? null : ByType.Sum(b => b.HandlingSumMinutes) / Served;
}

/// <summary>
/// One business type's tickets issued in a slot: counts, and sums (not means) so slots add up into days and weeks.
/// The predicted-wait error compares the wait promised at issue with the wait the customer had. The sums of the
/// logarithms of handling minutes (and their squares) give the lognormal that fits any span of slots.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BusinessRollup(
    [property: Id(0)] string BusinessType,
    [property: Id(1)] int Issued,
    [property: Id(2)] int Called,
    [property: Id(3)] int WithinTarget,
    [property: Id(4)] int Served,
    [property: Id(5)] int NoShows,
    [property: Id(6)] double WaitSumMinutes,
    [property: Id(7)] double HandlingSumMinutes,
    [property: Id(8)] int Predicted,
    [property: Id(9)] double PredictionErrorSumMinutes,
    [property: Id(10)] double LogHandlingSum = 0,
    [property: Id(11)] double LogHandlingSquares = 0);

/// <summary>One counter's tickets (issued in the slot) it completed, and their handling minutes.</summary>
[GenerateSerializer, Immutable]
public sealed record CounterRollup(
    [property: Id(0)] string Counter,
    [property: Id(1)] int Served,
    [property: Id(2)] double HandlingSumMinutes);

/// <summary>One device's transactions in a slot.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceRollup(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] int Uses);
