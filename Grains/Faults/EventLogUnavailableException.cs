namespace OrleansHall.Grains.Faults;

/// <summary>The event log is shutting down and takes no more events; the event was not recorded.</summary>
public sealed class EventLogUnavailableException(string message) : Exception(message);
