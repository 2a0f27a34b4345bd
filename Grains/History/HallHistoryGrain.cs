using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansHall.Common;
using OrleansHall.Grains.Common;
using OrleansHall.Grains.Events;
using OrleansHall.Grains.Hall;
using OrleansHall.Hall;
using OrleansHall.History;
using OrleansHall.Queue;

namespace OrleansHall.Grains.History;

/// <summary>
/// Keeps a hall's 15-minute rollups in step with its event log: a reminder every quarter of an hour rebuilds today
/// (and yesterday, for the slots that closed after midnight's last run) from the log. Holds no state of its own: the
/// log is the truth and the rollups can always be rebuilt from it.
/// </summary>
public sealed class HallHistoryGrain(
    IEventLog eventLog,
    PostgresRollupStore rollups,
    [FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock,
    ILogger<HallHistoryGrain> logger) : Grain, IHallHistoryGrain, IRemindable
{
    public const int MaxBatchEvents = 20_000;

    private const string RollupReminder = "rollup";

    private string HallId => this.GetPrimaryKeyString();

    public async Task EnsureScheduledAsync()
    {
        if (await this.GetReminder(RollupReminder) is null)
        {
            await this.RegisterOrUpdateReminder(RollupReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15));
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var today = LocalDay.Today(clock);
        try
        {
            await RollUpAsync(today.AddDays(-1), today);
        }
        catch (Exception error) when (Faults.StorageFaults.IsInfrastructure(error))
        {
            // The next quarter-hour rebuilds the same days: nothing is lost by missing one.
            logger.LogWarning("Rollup of hall {Hall} skipped, storage unavailable: {Reason}", HallId, error.Message);
        }
    }

    public async Task<int> ImportAsync(HistoryBatch batch)
    {
        var events = ToEvents(batch);
        if (events.Count > MaxBatchEvents)
        {
            throw new RejectedRequestException($"A history batch holds {events.Count} events; send at most {MaxBatchEvents} at a time.");
        }

        await eventLog.AppendAllAsync(events);
        return events.Count;
    }

    public async Task<int> RollUpAsync(DateOnly from, DateOnly to)
    {
        if (to < from || to.DayNumber - from.DayNumber > 400)
        {
            throw new RejectedRequestException($"Days {from:yyyy-MM-dd}..{to:yyyy-MM-dd}: expected a range of at most 400 days, first day first.");
        }

        var config = await GrainFactory.GetGrain<IHallGrain>(HallId).GetConfigAsync();
        var target = TimeSpan.FromMinutes(config.TargetWaitMinutes);
        var written = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var (start, end) = DayBounds(day);
            var slots = RollupBuilder.Build(await eventLog.ReadAsync(HallId, start, end), clock.LocalTimeZone, target);
            await rollups.ReplaceAsync(HallId, start, end, slots);
            written += slots.Count;
        }

        return written;
    }

    public async Task<ImmutableArray<SlotRollup>> GetSlotsAsync(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from || to - from > TimeSpan.FromDays(400))
        {
            throw new RejectedRequestException($"Slots from {from:u} to {to:u}: expected a range of at most 400 days, earlier time first.");
        }

        return [.. await rollups.ReadAsync(HallId, from, to)];
    }

    private (DateTimeOffset Start, DateTimeOffset End) DayBounds(DateOnly day)
        => (Forecast.HallSeries.Midnight(day, clock.LocalTimeZone), Forecast.HallSeries.Midnight(day.AddDays(1), clock.LocalTimeZone));

    /// <summary>The events the live grains would have logged for this activity, with ids derived from the batch's.</summary>
    private List<HallEvent> ToEvents(HistoryBatch batch)
    {
        var events = new List<HallEvent>();
        foreach (var p in batch.Passages.IsDefault ? [] : batch.Passages)
        {
            if (p.Entries < 0 || p.Exits < 0 || p.Entries + p.Exits == 0)
            {
                throw new RejectedRequestException($"Past passage {p.EventId} has entries={p.Entries}, exits={p.Exits}: expected counts of zero or more, not both zero.");
            }

            Keys.Validate(p.DeviceId, "device id");
            events.Add(EventFactory.Create(p.EventId, HallId, EventKinds.Passage, p.DeviceId, p.At, new PassagePayload(p.Entries, p.Exits)));
        }

        foreach (var u in batch.DeviceUses.IsDefault ? [] : batch.DeviceUses)
        {
            Keys.Validate(u.DeviceId, "device id");
            events.Add(EventFactory.Create(u.EventId, HallId, EventKinds.DeviceUsage, u.DeviceId, u.At,
                new DeviceUsagePayload(u.BusinessType, u.Succeeded, u.Kind.ToString())));
        }

        foreach (var (id, ticket) in batch.Tickets.IsDefault ? [] : batch.Tickets)
        {
            if (ticket.Status is not (TicketStatus.Completed or TicketStatus.NoShow) || ticket.CalledAt is not { } called || ticket.FinishedAt is not { } finished
                || called < ticket.IssuedAt || finished < called || (ticket.Status == TicketStatus.Completed && ticket.StartedAt is null))
            {
                throw new RejectedRequestException($"Past ticket {ticket.Number} of {ticket.IssuedAt:u}: expected a completed or no-show ticket with issue <= call <= finish times.");
            }

            var issued = ticket with { Status = TicketStatus.Waiting, CalledAt = null, StartedAt = null, FinishedAt = null, Counter = null };
            events.Add(EventFactory.Create(Derived(id, "issued"), HallId, EventKinds.TicketIssued, ticket.Number, ticket.IssuedAt, issued));
            var calledTicket = ticket with { Status = TicketStatus.Called, StartedAt = null, FinishedAt = null };
            events.Add(EventFactory.Create(Derived(id, "called"), HallId, EventKinds.TicketCalled, ticket.Number, called, calledTicket));
            if (ticket.StartedAt is { } started)
            {
                events.Add(EventFactory.Create(Derived(id, "started"), HallId, EventKinds.TicketStarted, ticket.Number, started,
                    ticket with { Status = TicketStatus.Serving, FinishedAt = null }));
            }

            events.Add(EventFactory.Create(Derived(id, "finished"), HallId,
                ticket.Status == TicketStatus.Completed ? EventKinds.TicketCompleted : EventKinds.TicketNoShow, ticket.Number, finished, ticket));
        }

        return events;
    }

    /// <summary>A stable id for one of several events made from one id, so a re-sent batch is stored once.</summary>
    private static Guid Derived(Guid id, string part)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{id:N}/{part}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
