namespace OrleansHall.Common;

/// <summary>
/// A request that is well-formed for the wire but makes no sense for the business
/// (a ticket call on an empty queue, a negative count, a frame that is not a JPEG, ...).
/// The message says what was wrong and what was expected; nothing was changed.
/// </summary>
[GenerateSerializer]
public sealed class RejectedRequestException(string message) : Exception(message);
