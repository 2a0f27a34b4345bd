using OrleansHall.Common;
using OrleansHall.Clients.Cluster;
using OrleansHall.Clients.Vision;

namespace OrleansHall.Clients.Cli;

/// <summary>
/// Parses the command line (System.CommandLine, through <see cref="CommandLine"/>), checks the verb's options,
/// connects and runs it, and turns failures into one line on stderr and an exit code.
/// </summary>
public sealed class HallCtl(IReadOnlyList<Verb> verbs, ClusterConnector connect, TextReader input, TextWriter output, TextWriter error)
{
    private readonly CommandLine _commandLine = new(verbs);

    /// <summary>How long a one-shot command waits for an unreachable cluster.</summary>
    public static readonly TimeSpan OneShotConnectTimeout = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken stopping)
    {
        try
        {
            return await RunCoreAsync(args, stopping);
        }
        catch (UsageException usage)
        {
            error.WriteLine($"hallctl: {usage.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception bad) when (bad is VisionInputException or OrleansHall.Vision.Faces.ModelIntegrityException)
        {
            // Local files for the offline verbs: unreadable, no face, a model altered.
            error.WriteLine($"hallctl: {bad.Message}");
            return ExitCodes.Refused;
        }
        catch (Exception refused) when (refused is UnknownEntityException or RejectedRequestException or OrleansHall.Security.CallRefusedException)
        {
            error.WriteLine($"hallctl: {refused.Message}");
            return ExitCodes.Refused;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (ClientCertificateException refused)
        {
            error.WriteLine($"hallctl: {refused.Message}");
            return ExitCodes.Unreachable;
        }
        catch (Exception failure) when (TransientFailures.IsTransient(failure))
        {
            error.WriteLine($"hallctl: cluster not reachable: {failure.GetType().Name}: {OneLine(failure.Message)}");
            return ExitCodes.Unreachable;
        }
        catch (Exception failure) when (failure is OrleansException or InvalidOperationException)
        {
            // e.g. the client gave up connecting: the retry filter said stop.
            error.WriteLine($"hallctl: {failure.GetType().Name}: {OneLine(failure.Message)}");
            return ExitCodes.Unreachable;
        }
        catch (Exception failure)
        {
            // Never a stack trace on the console; HALLCTL_LOG=Debug shows the client's own logs.
            error.WriteLine($"hallctl: unexpected {failure.GetType().Name}: {OneLine(failure.Message)}");
            return ExitCodes.Refused;
        }
    }

    public string Usage() => _commandLine.Usage();

    private async Task<int> RunCoreAsync(IReadOnlyList<string> args, CancellationToken stopping)
    {
        if (args.Count == 0)
        {
            error.Write(Usage());
            return ExitCodes.Usage;
        }

        if (args[0] is "help")
        {
            output.Write(Usage());
            return ExitCodes.Ok;
        }

        var (verb, parsed, help) = _commandLine.Parse(args);
        if (verb is null)
        {
            output.Write(help);
            return ExitCodes.Ok;
        }

        verb.Validate(parsed);
        if (verb is OfflineVerb offline)
        {
            // Works on local files: needs no cluster.
            return await offline.RunOfflineAsync(parsed, input, output, stopping);
        }

        TimeSpan? giveUpAfter = verb.LongRunning ? null : OneShotConnectTimeout;
        if (verb.Options.Contains(ConnectionOptions.Gateway))
        {
            ClusterSettings.From(parsed, _ => null);
            giveUpAfter = ClusterSettings.ConnectTimeout(parsed, giveUpAfter);
        }

        var (grains, connection) = await connect(parsed, giveUpAfter, stopping);
        await using (connection)
        {
            var context = new VerbContext(grains, input, output, error, TimeProvider.System, stopping);
            return await verb.RunAsync(parsed, context);
        }
    }

    private static string OneLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
