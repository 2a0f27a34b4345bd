using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansHall.Grains.Events;

namespace OrleansHall.Grains;

public static class GrainsHostingExtensions
{
    /// <summary>
    /// The key of the clock grains read business time from. It is separate from the runtime's own
    /// <see cref="TimeProvider"/>, so a test can move business time without stopping Orleans' timers.
    /// </summary>
    public const string ClockKey = "orleanshall-clock";

    /// <summary>
    /// Registers what the OrleansHall grains need besides Orleans itself: the PostgreSQL event log and the clock.
    /// The silo must also register ADO.NET grain storage named <see cref="StorageNames.Grains"/> and reminders.
    /// </summary>
    public static ISiloBuilder AddOrleansHallGrains(this ISiloBuilder silo, string connectionString)
    {
        silo.Services.TryAddKeyedSingleton(ClockKey, TimeProvider.System);
        silo.Services.AddSingleton<PostgresEventLog>(_ => new PostgresEventLog(connectionString));
        silo.Services.AddSingleton<IEventLog>(sp => sp.GetRequiredService<PostgresEventLog>());
        return silo;
    }
}
