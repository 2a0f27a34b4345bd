using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using OrleansHall.Grains.Common;
using OrleansHall.History;

namespace OrleansHall.Grains.History;

/// <summary>The hall_rollups table: one JSON rollup per hall and slot, replaced a whole day at a time.</summary>
public sealed class PostgresRollupStore(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>Replaces the hall's slots in [from, to) with <paramref name="rollups"/>, in one transaction.</summary>
    public async Task ReplaceAsync(string hallId, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<SlotRollup> rollups, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = new NpgsqlCommand("DELETE FROM hall_rollups WHERE hall_id = @hall AND slot_start >= @from AND slot_start < @to", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter<string>("hall", hallId));
            delete.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", from.ToUniversalTime()));
            delete.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", to.ToUniversalTime()));
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        if (rollups.Count > 0)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO hall_rollups (hall_id, slot_start, rollup) SELECT @hall, * FROM unnest(@starts, @rollups::jsonb[])", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<string>("hall", hallId));
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("starts", [.. rollups.Select(r => r.Start.ToUniversalTime())])
            {
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            });
            insert.Parameters.Add(new NpgsqlParameter<string[]>("rollups", [.. rollups.Select(r => JsonSerializer.Serialize(r, EventFactory.Json))]));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The hall's rollups of slots starting in [from, to), oldest first.</summary>
    public async Task<IReadOnlyList<SlotRollup>> ReadAsync(string hallId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT rollup::text FROM hall_rollups WHERE hall_id = @hall AND slot_start >= @from AND slot_start < @to ORDER BY slot_start");
        command.Parameters.Add(new NpgsqlParameter<string>("hall", hallId));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", from.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", to.ToUniversalTime()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rollups = new List<SlotRollup>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rollups.Add(JsonSerializer.Deserialize<SlotRollup>(reader.GetString(0), EventFactory.Json)!);
        }

        return rollups;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
