using Microsoft.Extensions.DependencyInjection;
using OrleansHall.Grains.Events;

namespace OrleansHall.Grains;

public static class GrainsHostingExtensions
{
    /// <summary>
    /// Registers what the OrleansHall grains need besides Orleans itself: the PostgreSQL event log and the clock.
    /// The silo must also register ADO.NET grain storage named <see cref="StorageNames.Grains"/> and reminders.
    /// </summary>
    public static ISiloBuilder AddOrleansHallGrains(this ISiloBuilder silo, string connectionString)
    {
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<IEventLog>(sp => new PostgresEventLog(connectionString));
        return silo;
    }
}
