using System.Collections.Immutable;

namespace OrleansHall.Queue;

/// <summary>
/// The ticket queue of one hall (keyed by hall id), across all its business types and counters.
/// Every call that changes the queue returns once the change is durable.
/// </summary>
public interface IQueueGrain : IGrainWithStringKey
{
    /// <summary>Issues a ticket for a business type; VIP and special-needs customers get the priority lane.</summary>
    Task<Ticket> IssueTicketAsync(TicketRequest request);

    /// <summary>Opens a counter for calling, staffed by <paramref name="staffId"/> if given.</summary>
    Task OpenCounterAsync(string counter, string? staffId);

    Task CloseCounterAsync(string counter);

    /// <summary>
    /// Calls the next ticket to the counter; null when nobody is waiting (a routine answer, not a fault).
    /// Rejected when the counter is still on a ticket.
    /// </summary>
    Task<Ticket?> CallNextAsync(CounterAction action);

    /// <summary>The called customer arrived at the counter; handling time starts.</summary>
    Task<Ticket> StartServiceAsync(CounterAction action);

    Task<Ticket> CompleteAsync(CounterAction action);

    /// <summary>The called customer did not come; the ticket leaves the queue.</summary>
    Task<Ticket> NoShowAsync(CounterAction action);

    Task<QueueSummary> GetSummaryAsync();

    /// <summary>Tickets waiting now, in the order they will be called.</summary>
    Task<ImmutableArray<Ticket>> GetWaitingAsync();

    /// <summary>How long a ticket for this business type issued now would wait, from recent handling times and open counters.</summary>
    Task<TimeSpan> PredictWaitAsync(string businessType);
}
