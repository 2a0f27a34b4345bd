namespace OrleansHall.Clients.Agents;

/// <summary>
/// A file with one line per reading the cluster acknowledged: "event-id device description". Lines are
/// flushed as they are written, so the file is complete up to the moment the process stops, and an audit
/// can check every acknowledged id against the event log.
/// </summary>
public sealed class AckLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public AckLog(string path)
    {
        try
        {
            _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new Cli.UsageException($"option '--ack-log': cannot write '{path}': {ex.Message}");
        }
    }

    public void Acknowledged(Reading reading)
    {
        lock (_gate)
        {
            _writer.WriteLine($"{reading.EventId:D} {reading.DeviceKey} {reading.Describe()}");
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }
}
