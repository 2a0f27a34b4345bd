namespace OrleansHall.Grains.Events;

public sealed class PostgresEventLog(string connectionString) : IEventLog
{
    public Task AppendAsync(HallEvent hallEvent, CancellationToken cancellationToken = default)
        => throw new NotImplementedException(connectionString);
}
