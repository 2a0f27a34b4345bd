using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using OrleansHall.Grains.Faults;

namespace OrleansHall.Grains.Events;

/// <summary>
/// Appends events to <c>hall_events</c> with group commit: appends that arrive while a batch is being written
/// wait and go together in the next insert, so throughput grows with load while each caller still learns
/// only after its own event is committed. One event the database refuses fails alone, not its batch.
/// Back-pressure: at most <see cref="Capacity"/> events wait for the next insert (besides the batch being written);
/// when PostgreSQL is slow or down and that many wait, an append fails at once with a transient fault, so the caller
/// (a device with its outbox) retries later and the silo's memory does not grow with the outage.
/// </summary>
public sealed class PostgresEventLog : IEventLog, IAsyncDisposable
{
    public const int MaxBatch = 512;

    /// <summary>Events that may wait for the next insert by default: a few seconds of a province's peak, a few MB.</summary>
    public const int DefaultCapacity = 20_000;

    private static readonly Counter<long> RefusedFull = Diagnostics.Telemetry.Meter.CreateCounter<long>(
        "orleanshall.events.refused_full", description: "Appends refused because the event log's queue was full (PostgreSQL slow or down).");

    private static readonly Counter<long> Appended = Diagnostics.Telemetry.Meter.CreateCounter<long>(
        "orleanshall.events.appended", description: "Events committed to hall_events (re-sent ones included).");

    private static readonly Histogram<int> BatchSizes = Diagnostics.Telemetry.Meter.CreateHistogram<int>(
        "orleanshall.events.batch_size", description: "Events per group-commit insert.");

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<Pending> _pending;
    private readonly Task _writer;
    private volatile bool _closing;

    public PostgresEventLog(string connectionString, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _pending = Channel.CreateBounded<Pending>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _writer = Task.Run(WriteLoopAsync);
    }

    public long BatchesWritten { get; private set; }

    /// <summary>How many events may wait for the next insert.</summary>
    public int Capacity { get; }

    public Task AppendAsync(HallEvent hallEvent, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(Storable(hallEvent), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
        {
            // A failed task, not a throw: a caller appending several events awaits them all and sees this one fail.
            if (_closing)
            {
                return Task.FromException(new EventLogUnavailableException("The event log is shutting down; the event was not recorded."));
            }

            RefusedFull.Add(1);
            return Task.FromException(new EventLogUnavailableException(
                $"The event log already holds {Capacity} events waiting for PostgreSQL, which is slow or down; the event was not recorded, send it again later."));
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
        _closing = true;
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
            Appended.Add(batch.Count);
            BatchSizes.Record(batch.Count);
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
