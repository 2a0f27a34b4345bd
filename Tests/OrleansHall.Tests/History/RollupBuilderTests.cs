using OrleansHall.Grains.Common;
using OrleansHall.Grains.Events;
using OrleansHall.Grains.History;
using OrleansHall.Queue;

namespace OrleansHall.Tests.History;

/// <summary>A hand-made morning of one hall's events, rolled up and checked figure by figure.</summary>
public sealed class RollupBuilderTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
    private static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Door_counts_and_peak_occupancy_fall_in_the_slot_they_happened_in()
    {
        var events = new[]
        {
            Passage(Nine.AddMinutes(1), 3, 0),
            Passage(Nine.AddMinutes(5), 2, 1),
            Passage(Nine.AddMinutes(14), 0, 2),
            Passage(Nine.AddMinutes(16), 1, 0),
            Passage(Nine.AddMinutes(20), 0, 9), // more out than in: occupancy stops at zero
        };

        var slots = RollupBuilder.Build(events, Shanghai, TimeSpan.FromMinutes(10));

        Assert.Equal(2, slots.Count);
        Assert.Equal((Nine, 5, 3, 4), (slots[0].Start, slots[0].Entries, slots[0].Exits, slots[0].PeakOccupancy));
        Assert.Equal((Nine.AddMinutes(15), 1, 9, 3), (slots[1].Start, slots[1].Entries, slots[1].Exits, slots[1].PeakOccupancy));
    }

    [Fact]
    public void Tickets_count_in_their_issue_slot_with_waits_service_level_handling_and_prediction_error()
    {
        var a = new Ticket("A001", "bill-payment", null, TicketPriority.Regular, TicketStatus.Waiting, Nine.AddMinutes(2), PredictedWait: TimeSpan.FromMinutes(5));
        var b = new Ticket("A002", "bill-payment", null, TicketPriority.Regular, TicketStatus.Waiting, Nine.AddMinutes(4), PredictedWait: TimeSpan.FromMinutes(8));
        var c = new Ticket("B001", "new-connection", null, TicketPriority.Regular, TicketStatus.Waiting, Nine.AddMinutes(20));
        var events = new[]
        {
            Event(EventKinds.TicketIssued, a, a.IssuedAt),
            Event(EventKinds.TicketIssued, b, b.IssuedAt),
            Event(EventKinds.TicketIssued, c, c.IssuedAt),
            // A waits 6 min (predicted 5) and is served for 4; B waits 14 (predicted 8) and does not show; C is still waiting.
            Event(EventKinds.TicketCalled, a with { Status = TicketStatus.Called, CalledAt = Nine.AddMinutes(8) }, Nine.AddMinutes(8)),
            Event(EventKinds.TicketCompleted, a with { Status = TicketStatus.Completed, CalledAt = Nine.AddMinutes(8), StartedAt = Nine.AddMinutes(9), FinishedAt = Nine.AddMinutes(13) }, Nine.AddMinutes(13)),
            Event(EventKinds.TicketNoShow, b with { Status = TicketStatus.NoShow, CalledAt = Nine.AddMinutes(18), FinishedAt = Nine.AddMinutes(20) }, Nine.AddMinutes(20)),
            Event(EventKinds.DeviceUsage, new DeviceUsagePayload("bill-payment", true, "Kiosk"), Nine.AddMinutes(3), "kiosk-1"),
            Event(EventKinds.DeviceUsage, new DeviceUsagePayload("new-connection", true), Nine.AddMinutes(3), "id-reader"),
        };

        var slots = RollupBuilder.Build(events, Shanghai, TimeSpan.FromMinutes(10));

        var nine = slots[0];
        var bills = Assert.Single(nine.ByType);
        Assert.Equal((2, 2, 1, 1, 1), (bills.Issued, bills.Called, bills.WithinTarget, bills.Served, bills.NoShows));
        Assert.Equal((20.0, 4.0), (bills.WaitSumMinutes, bills.HandlingSumMinutes));
        Assert.Equal((2, 7.0), (bills.Predicted, bills.PredictionErrorSumMinutes));
        Assert.Equal(0.5, nine.ServiceLevel);
        Assert.Equal((1, 1), (nine.KioskUses, nine.IdReaderUses));
        Assert.Equal(Math.Log(4), bills.LogHandlingSum, 6);
        var later = Assert.Single(slots[1].ByType);
        Assert.Equal(("new-connection", 1, 0), (later.BusinessType, later.Issued, later.Called));
        Assert.Null(slots[1].ServiceLevel);
    }

    private static HallEvent Passage(DateTimeOffset at, int entries, int exits)
        => Event(EventKinds.Passage, new PassagePayload(entries, exits), at, "ir-door");

    private static HallEvent Event<T>(string kind, T payload, DateTimeOffset at, string subject = "x")
        => EventFactory.Create(Guid.NewGuid(), "h", kind, subject, at, payload);
}
