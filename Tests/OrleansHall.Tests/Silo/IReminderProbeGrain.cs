namespace OrleansHall.Tests.Silo;

/// <summary>A grain that keeps one reminder and counts how often it fired.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task RegisterAsync(TimeSpan dueTime);

    Task UnregisterAsync();

    Task<bool> HasReminderAsync();

    Task<int> TicksAsync();
}
