namespace OrleansHall.Clients.Delivery;

/// <summary>What one delivery attempt did; <paramref name="RetryAfter"/> is set for <see cref="SendOutcome.RetryLater"/>.</summary>
public sealed record SendResult(SendOutcome Outcome, TimeSpan? RetryAfter = null, Exception? Error = null);
