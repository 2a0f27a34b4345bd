using OrleansHall.Common;
using Npgsql;
using OrleansHall.Device;
using OrleansHall.Hall;
using OrleansHall.Queue;

namespace OrleansHall.Clients.Benchmarks;

/// <summary>What one grain kind wrote: its events, its state writes and the largest state it stored.</summary>
public sealed record StateWrites(string Kind, int Events, long Writes, int LargestStateBytes)
{
    /// <summary>Bytes written per event, at the largest state size (an upper bound: the state grew to it).</summary>
    public double BytesPerEvent => Events == 0 ? 0 : Math.Round((double)LargestStateBytes * Writes / Events);
}

/// <summary>
/// Drives a busy stretch through a fresh hall (door passages, kiosk uses, a queue with customers waiting) and reads
/// back from PostgreSQL how often and how much each grain kind wrote. Grain state is rewritten whole on every write,
/// so this is what a day of events costs the database.
/// </summary>
public sealed class StateSizeBenchmark(IGrainFactory grains, string connectionString, TimeProvider time)
{
    public async Task<IReadOnlyList<StateWrites>> RunAsync(string hallId, int passages, int tickets, Action<string> progress)
    {
        var hall = grains.GetGrain<IHallGrain>(hallId);
        await hall.ConfigureAsync(new HallConfig($"Benchmark {hallId}", "bench", 10_000, ["C1", "C2"], ["entrance"], ["bill-payment", "new-connection"]));
        var sensor = grains.GetDevice(hallId, "ir-door");
        var kiosk = grains.GetDevice(hallId, "kiosk-1");
        await sensor.RegisterAsync(DeviceKind.InfraredSensor);
        await kiosk.RegisterAsync(DeviceKind.Kiosk);
        var queue = grains.GetGrain<IQueueGrain>(hallId);
        var before = await ReadAsync(hallId);

        for (var i = 0; i < passages; i++)
        {
            await sensor.RecordPassageAsync(new Passage(Guid.NewGuid(), 1, i % 2, time.GetUtcNow()));
            await kiosk.RecordUsageAsync(new DeviceUsage(Guid.NewGuid(), "bill-payment", true, time.GetUtcNow()));
        }

        progress($"{passages} passages and {passages} kiosk uses sent");
        for (var i = 0; i < tickets; i++)
        {
            await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), i % 2 == 0 ? "bill-payment" : "new-connection"));
        }

        // All but twenty are served, so the queue ends as long as a busy hall's.
        var served = Math.Max(0, tickets - 20);
        for (var i = 0; i < served; i++)
        {
            var counter = i % 2 == 0 ? "C1" : "C2";
            var called = await queue.CallNextAsync(new CounterAction(Guid.NewGuid(), counter))
                ?? throw new InvalidOperationException($"The benchmark queue of {hallId} ran empty after {i} calls.");
            await queue.StartServiceAsync(new CounterAction(Guid.NewGuid(), counter, called.Number));
            await queue.CompleteAsync(new CounterAction(Guid.NewGuid(), counter, called.Number));
        }

        progress($"{tickets} tickets issued, {served} served");
        var after = await ReadAsync(hallId);
        var events = new Dictionary<string, int>
        {
            ["hall"] = passages,
            ["device"] = passages * 2,
            ["queue"] = tickets + served * 3,
        };
        return [.. events.Select(e =>
        {
            var (writes, largest) = after.GetValueOrDefault(e.Key);
            return new StateWrites(e.Key, e.Value, writes - before.GetValueOrDefault(e.Key).Writes, largest);
        })];
    }

    /// <summary>Per grain kind of this hall: total versions written and the largest stored state.</summary>
    private async Task<Dictionary<string, (long Writes, int Largest)>> ReadAsync(string hallId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT grain_type, sum(version), max(length(payload)) FROM orleans_grain_state
            WHERE grain_id_ext = @hall OR grain_id_ext LIKE @scoped GROUP BY grain_type
            """, connection);
        command.Parameters.AddWithValue("hall", hallId);
        command.Parameters.AddWithValue("scoped", hallId + "/%");
        await using var reader = await command.ExecuteReaderAsync();
        var result = new Dictionary<string, (long, int)>();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? 0 : reader.GetInt32(2));
        }

        return result;
    }
}
