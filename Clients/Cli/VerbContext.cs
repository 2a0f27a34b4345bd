namespace OrleansHall.Clients.Cli;

/// <summary>What a running verb may use: the cluster, the console streams, the clock and Ctrl-C.</summary>
public sealed record VerbContext(
    IGrainFactory Grains,
    TextReader Input,
    TextWriter Output,
    TextWriter Error,
    TimeProvider Time,
    CancellationToken Stopping)
{
    public void Note(string message) => Error.WriteLine($"hallctl: {message}");
}
