namespace OrleansHall.Clients.Delivery;

public enum SendOutcome
{
    /// <summary>Nothing was waiting.</summary>
    Empty = 0,

    /// <summary>The oldest item was delivered and removed.</summary>
    Sent = 1,

    /// <summary>Delivery failed for a passing reason (cluster unreachable); the item stays first in line.</summary>
    RetryLater = 2,

    /// <summary>The cluster refused the item for good (unknown device, bad value); it was removed and counted.</summary>
    Rejected = 3,
}
