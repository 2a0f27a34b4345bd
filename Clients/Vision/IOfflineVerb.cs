using OrleansHall.Clients.Cli;

namespace OrleansHall.Clients.Vision;

/// <summary>
/// A verb that works on local files only: it takes operands (file names) besides options and never connects to
/// the cluster, so it works with no silo running.
/// </summary>
public interface IOfflineVerb : IVerb
{
    /// <summary>Runs with the words after the verb's path; returns the exit code.</summary>
    Task<int> RunOfflineAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken stopping);
}
