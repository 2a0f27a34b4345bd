using System.Text.Json.Serialization;

namespace OrleansHall.Queue;

/// <summary>A queue ticket and its life so far.</summary>
[GenerateSerializer, Immutable]
public sealed record Ticket(
    [property: Id(0)] string Number,
    [property: Id(1)] string BusinessType,
    [property: Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CustomerId,
    [property: Id(3)] TicketPriority Priority,
    [property: Id(4)] TicketStatus Status,
    [property: Id(5)] DateTimeOffset IssuedAt,
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? CalledAt = null,
    [property: Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? StartedAt = null,
    [property: Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? FinishedAt = null,
    [property: Id(9), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Counter = null,
    [property: Id(10), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TimeSpan? PredictedWait = null)
{
    /// <summary>Issue to call: what the customer experiences as waiting.</summary>
    [JsonIgnore]
    public TimeSpan? Wait => CalledAt - IssuedAt;

    /// <summary>Start to completion at the counter.</summary>
    [JsonIgnore]
    public TimeSpan? Handling => Status == TicketStatus.Completed ? FinishedAt - StartedAt : null;
}
