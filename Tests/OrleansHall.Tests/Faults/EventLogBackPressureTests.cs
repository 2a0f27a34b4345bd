using Npgsql;
using OrleansHall.Grains.Common;
using OrleansHall.Grains.Events;
using OrleansHall.Grains.Faults;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Faults;

/// <summary>
/// Back-pressure: PostgreSQL frozen (SIGSTOP) under a stream of appends. The event log holds at most its capacity
/// waiting (plus the batch being written), refuses the rest at once with a transient fault, and once PostgreSQL
/// thaws every append it acknowledged is in the table.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class EventLogBackPressureTests(OutageClusterFixture fixture)
{
    private const int Capacity = 200;

    [Fact]
    public async Task A_frozen_database_fills_the_bounded_queue_then_appends_are_refused_and_every_acknowledged_event_is_stored_after_it_thaws()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { CommandTimeout = 5 }.ConnectionString;
        await using var log = new PostgresEventLog(connectionString, Capacity);
        var hallId = $"bp-{Guid.NewGuid():N}"[..12];
        await log.AppendAsync(Event(hallId)); // the connection is open before the freeze
        var accepted = new List<(Guid Id, Task Done)>();
        var refused = new List<EventLogUnavailableException>();

        await fixture.Postgres.PauseAsync();
        try
        {
            // Three seconds of appends, far more than the queue holds, as devices would keep sending.
            var until = DateTime.UtcNow.AddSeconds(3);
            while (DateTime.UtcNow < until)
            {
                for (var i = 0; i < 100; i++)
                {
                    var e = Event(hallId);
                    var append = log.AppendAsync(e);
                    if (append is { IsFaulted: true, Exception.InnerException: EventLogUnavailableException full })
                    {
                        refused.Add(full); // refused at once, not after waiting for the database
                    }
                    else
                    {
                        accepted.Add((e.Id, append));
                    }
                }

                await Task.Delay(20);
            }
        }
        finally
        {
            await fixture.Postgres.ResumeAsync();
        }

        var outcomes = await Task.WhenAll(accepted.Select(async a =>
        {
            try
            {
                await a.Done;
                return (a.Id, Acknowledged: true);
            }
            catch (Exception error) when (StorageFaults.IsInfrastructure(error))
            {
                return (a.Id, Acknowledged: false);
            }
        }));
        var acknowledged = outcomes.Where(o => o.Acknowledged).Select(o => o.Id).ToList();
        var stored = await StoredAsync(hallId);

        // Held while frozen: at most the queue and the one batch being written (an unbounded log would hold all of them).
        Assert.True(accepted.Count <= Capacity + PostgresEventLog.MaxBatch, $"{accepted.Count} accepted while frozen");
        Assert.True(refused.Count > accepted.Count, $"{refused.Count} refused, {accepted.Count} accepted");
        Assert.NotEmpty(refused);
        Assert.Contains("waiting for PostgreSQL", refused[0].Message);
        Assert.NotEmpty(acknowledged);
        Assert.Empty(acknowledged.Except(stored));
        // Thawed: appends go through again.
        var after = Event(hallId);
        await log.AppendAsync(after);
        Assert.NotNull(await log.FindAsync(after.Id));
    }

    private static HallEvent Event(string hallId) => EventFactory.Create(Guid.NewGuid(), hallId, "passage", "ir-door", DateTimeOffset.Parse("2026-11-30T09:00:00Z"), new { Entries = 1 });

    private async Task<HashSet<Guid>> StoredAsync(string hallId)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT event_id FROM hall_events WHERE hall_id = @h", connection);
        command.Parameters.AddWithValue("h", hallId);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
