using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using OrleansHall.Grains.Faults;

namespace OrleansHall.Grains.Events;

/// <summary>
/// Appends events to <c>hall_events</c> with group commit: appends that arrive while a batch is being written
/// wait and go together in the next insert, so throughput grows with load while each caller still learns
/// only after its own event is committed. One event the database refuses fails alone, not its batch.
/// </summary>
public sealed class PostgresEventLog : IEventLog, IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public PostgresEventLog(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _writer = Task.Run(WriteLoopAsync);
    }

    public long BatchesWritten { get; private set; }

    public Task AppendAsync(HallEvent hallEvent, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(Storable(hallEvent), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new EventLogUnavailableException("The event log is shutting down; the event was not recorded.");
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async Task<HallEvent?> FindAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT hall_id, kind, subject, occurred_at, payload::text FROM hall_events WHERE event_id = @id");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", eventId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new HallEvent(eventId, reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4))
            : null;
    }

    public async Task<IReadOnlyList<HallEvent>> ReadAsync(string hallId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT event_id, kind, subject, occurred_at, payload::text FROM hall_events
            WHERE hall_id = @hall AND occurred_at >= @from AND occurred_at < @to
            ORDER BY occurred_at, seq
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("hall", hallId));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", from.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", to.ToUniversalTime()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<HallEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new HallEvent(reader.GetGuid(0), hallId, reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4)));
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
        await _dataSource.DisposeAsync();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            await InsertAsync(batch);
            BatchesWritten++;
            batch.ForEach(p => p.Done.TrySetResult());
        }
        catch (Exception error) when (batch.Count > 1 && !StorageFaults.IsInfrastructure(error))
        {
            // The database refused something in the batch: write one by one so only the offending event fails.
            foreach (var pending in batch)
            {
                await WriteAsync([pending]);
            }
        }
        catch (Exception error)
        {
            // The callers see the failure, so their events count as not acknowledged and get re-sent.
            batch.ForEach(p => p.Done.TrySetException(error));
        }
    }

    private async Task InsertAsync(List<Pending> batch)
    {
        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO hall_events (event_id, hall_id, kind, subject, occurred_at, payload)
            SELECT * FROM unnest(@ids, @halls, @kinds, @subjects, @times, @payloads::jsonb[])
            ON CONFLICT (event_id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", batch.Select(p => p.Event.Id).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("halls", batch.Select(p => p.Event.HallId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("kinds", batch.Select(p => p.Event.Kind).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("subjects", batch.Select(p => p.Event.Subject).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("times", batch.Select(p => p.Event.At.ToUniversalTime()).ToArray())
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
        command.Parameters.Add(new NpgsqlParameter<string[]>("payloads", batch.Select(p => p.Event.PayloadJson).ToArray()));
        await command.ExecuteNonQueryAsync();
    }

    // Text columns cannot hold NUL or unpaired surrogates; whoever built the event, they never reach the insert.
    private static HallEvent Storable(HallEvent e) => e with
    {
        HallId = LogText.Clean(e.HallId),
        Kind = LogText.Clean(e.Kind),
        Subject = LogText.Clean(e.Subject),
    };

    private sealed record Pending(HallEvent Event, TaskCompletionSource Done);
}
