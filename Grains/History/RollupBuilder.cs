using OrleansHall.Analytics.Forecasting;
using OrleansHall.Device;
using OrleansHall.Grains.Common;
using OrleansHall.Grains.Events;
using OrleansHall.History;
using OrleansHall.Queue;

namespace OrleansHall.Grains.History;

/// <summary>
/// Turns one local day of a hall's event log into 15-minute rollups. Door counts belong to the slot they happened
/// in, and occupancy is replayed from zero at the start of the day (never below zero), so each slot has its peak.
/// Tickets belong to the slot they were issued in; their fate (called, served, no-show, waits, handling, how far
/// the predicted wait was off) is read from their last event of the day. Pure: no clock, no storage.
/// </summary>
public static class RollupBuilder
{
    public static IReadOnlyList<SlotRollup> Build(IEnumerable<HallEvent> dayEvents, TimeZoneInfo zone, TimeSpan targetWait)
    {
        var slots = new SortedDictionary<DateTimeOffset, Slot>();
        Slot At(DateTimeOffset at)
        {
            var local = TimeZoneInfo.ConvertTime(at, zone);
            var floored = Slots.Floor(local.DateTime);
            var start = new DateTimeOffset(floored, zone.GetUtcOffset(floored));
            return slots.TryGetValue(start, out var slot) ? slot : slots[start] = new Slot();
        }

        var occupancy = 0;
        var tickets = new Dictionary<string, Ticket>();
        foreach (var e in dayEvents.OrderBy(e => e.At))
        {
            switch (e.Kind)
            {
                case EventKinds.Passage when EventFactory.Payload<PassagePayload>(e) is { } passage:
                    var slot = At(e.At);
                    slot.Entries += passage.Entries;
                    slot.Exits += passage.Exits;
                    occupancy = Math.Max(0, occupancy + passage.Entries - passage.Exits);
                    slot.Peak = Math.Max(slot.Peak, occupancy);
                    break;
                case EventKinds.DeviceUsage when EventFactory.Payload<DeviceUsagePayload>(e) is { } use:
                    var kind = use.DeviceKind ?? Guess(e.Subject);
                    var usedIn = At(e.At);
                    usedIn.Devices[e.Subject] = usedIn.Devices.GetValueOrDefault(e.Subject) + 1;
                    if (kind == DeviceKind.Kiosk)
                    {
                        At(e.At).Kiosk++;
                    }
                    else if (kind == DeviceKind.IdCardReader)
                    {
                        At(e.At).IdReader++;
                    }

                    break;
                case EventKinds.Alert:
                    At(e.At).Alerts++;
                    break;
                case EventKinds.TicketIssued or EventKinds.TicketCalled or EventKinds.TicketStarted or EventKinds.TicketCompleted or EventKinds.TicketNoShow
                    when EventFactory.Payload<Ticket>(e) is { } ticket:
                    // The latest state of each ticket wins; numbers restart every day, so the day is the scope.
                    tickets[ticket.Number] = ticket;
                    break;
            }
        }

        foreach (var ticket in tickets.Values)
        {
            var slot = At(ticket.IssuedAt);
            var type = slot.Type(ticket.BusinessType);
            type.Issued++;
            if (ticket.CalledAt is { } called)
            {
                var wait = (called - ticket.IssuedAt).TotalMinutes;
                type.Called++;
                type.WaitSum += wait;
                type.WithinTarget += called - ticket.IssuedAt <= targetWait ? 1 : 0;
                slot.Waits.Add(wait);
                if (ticket.PredictedWait is { } predicted)
                {
                    type.Predicted++;
                    type.PredictionError += Math.Abs(wait - predicted.TotalMinutes);
                }
            }

            if (ticket.Status == TicketStatus.Completed && ticket.Handling is { } handling)
            {
                type.Served++;
                type.HandlingSum += handling.TotalMinutes;
                type.Handlings.Add(handling.TotalMinutes);
                slot.Handlings.Add(handling.TotalMinutes);
                if (ticket.Counter is { } counter)
                {
                    var (served, sum) = slot.Counters.GetValueOrDefault(counter);
                    slot.Counters[counter] = (served + 1, sum + handling.TotalMinutes);
                }
            }
            else if (ticket.Status == TicketStatus.NoShow)
            {
                type.NoShows++;
            }
        }

        return [.. slots.Select(s => new SlotRollup(
            s.Key, s.Value.Entries, s.Value.Exits, s.Value.Peak,
            [.. s.Value.Types.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new BusinessRollup(
                t.Key, t.Value.Issued, t.Value.Called, t.Value.WithinTarget, t.Value.Served, t.Value.NoShows,
                Math.Round(t.Value.WaitSum, 3), Math.Round(t.Value.HandlingSum, 3), t.Value.Predicted, Math.Round(t.Value.PredictionError, 3),
                Math.Round(t.Value.Handlings.Sum(h => Math.Log(Math.Max(h, 0.01))), 6),
                Math.Round(t.Value.Handlings.Sum(h => Math.Pow(Math.Log(Math.Max(h, 0.01)), 2)), 6)))],
            P90(s.Value.Waits), P90(s.Value.Handlings), s.Value.Kiosk, s.Value.IdReader, s.Value.Alerts,
            [.. s.Value.Counters.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CounterRollup(c.Key, c.Value.Served, Math.Round(c.Value.HandlingSum, 3)))],
            [.. s.Value.Devices.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new DeviceRollup(d.Key, d.Value))]))];
    }

    /// <summary>The 90th percentile (nearest rank) of some minutes, 0 for none.</summary>
    public static double P90(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        return Math.Round(values[(int)Math.Ceiling(0.9 * values.Count) - 1], 3);
    }

    // Usage events logged before they carried the device kind: the simulator's and the README's device ids.
    private static DeviceKind? Guess(string deviceId)
        => deviceId.StartsWith("kiosk", StringComparison.OrdinalIgnoreCase) ? DeviceKind.Kiosk
            : deviceId.Contains("id-reader", StringComparison.OrdinalIgnoreCase) || deviceId.Contains("idreader", StringComparison.OrdinalIgnoreCase) ? DeviceKind.IdCardReader
            : null;

    private sealed class Slot
    {
        public readonly Dictionary<string, TypeSums> Types = [];
        public readonly List<double> Waits = [];
        public readonly List<double> Handlings = [];
        public readonly Dictionary<string, (int Served, double HandlingSum)> Counters = [];
        public readonly Dictionary<string, int> Devices = [];
        public int Entries;
        public int Exits;
        public int Peak;
        public int Kiosk;
        public int IdReader;
        public int Alerts;

        public TypeSums Type(string businessType) => Types.TryGetValue(businessType, out var t) ? t : Types[businessType] = new TypeSums();
    }

    private sealed class TypeSums
    {
        public readonly List<double> Handlings = [];
        public int Issued;
        public int Called;
        public int WithinTarget;
        public int Served;
        public int NoShows;
        public int Predicted;
        public double WaitSum;
        public double HandlingSum;
        public double PredictionError;
    }
}
