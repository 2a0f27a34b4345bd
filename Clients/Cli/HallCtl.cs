using OrleansHall.Common;
using OrleansHall.Clients.Cluster;

namespace OrleansHall.Clients.Cli;

/// <summary>
/// Finds the verb named by the first words of the command line, checks its options, connects and runs it,
/// and turns failures into one line on stderr and an exit code.
/// </summary>
public sealed class HallCtl(IReadOnlyList<IVerb> verbs, ClusterConnector connect, TextReader input, TextWriter output, TextWriter error)
{
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
        catch (Exception refused) when (refused is UnknownEntityException or RejectedRequestException)
        {
            error.WriteLine($"hallctl: {refused.Message}");
            return ExitCodes.Refused;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return ExitCodes.Ok;
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

    public string Usage()
    {
        var width = verbs.Max(v => v.Spec.Path.Length) + 2;
        var lines = verbs.Select(v => $"  {v.Spec.Path.PadRight(width)}{v.Spec.Summary}");
        return "Usage: hallctl <command> [options]   (hallctl <command> --help for its options)\n\nCommands:\n"
            + string.Join('\n', lines) + "\n";
    }

    private async Task<int> RunCoreAsync(IReadOnlyList<string> args, CancellationToken stopping)
    {
        if (args.Count == 0)
        {
            error.Write(Usage());
            return ExitCodes.Usage;
        }

        if (args[0] is "--help" or "-h" or "help")
        {
            output.Write(Usage());
            return ExitCodes.Ok;
        }

        var verb = Find(args, out var consumed);
        if (verb is Vision.IOfflineVerb offline)
        {
            // Works on local files: takes operands and needs no cluster.
            return await offline.RunOfflineAsync([.. args.Skip(consumed)], output, error, stopping);
        }

        var parsed = ArgParser.Parse(verb.Spec, args.Skip(consumed).ToList());
        if (parsed.IsHelp)
        {
            output.Write(verb.Spec.Help());
            return ExitCodes.Ok;
        }

        verb.Validate(parsed);
        TimeSpan? giveUpAfter = verb.LongRunning ? null : OneShotConnectTimeout;
        if (verb.Spec.Find("--gateway") is not null)
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

    private IVerb Find(IReadOnlyList<string> args, out int consumed)
    {
        // Longest match first: "queue issue" before a hypothetical "queue".
        foreach (var verb in verbs.OrderByDescending(v => v.Spec.Path.Count(c => c == ' ')))
        {
            var words = verb.Spec.Path.Split(' ');
            if (words.Length <= args.Count && words.Select((w, i) => w == args[i]).All(match => match))
            {
                consumed = words.Length;
                return verb;
            }
        }

        var group = verbs.Where(v => v.Spec.Path.StartsWith(args[0] + " ", StringComparison.Ordinal)).ToList();
        if (group.Count > 0)
        {
            var got = args.Count > 1 ? $"'{args[1]}'" : "nothing";
            throw new UsageException(
                $"'hallctl {args[0]}' needs a sub-command, one of: {string.Join(", ", group.Select(v => v.Spec.Path.Split(' ')[1]))}; got {got}");
        }

        var known = verbs.Select(v => v.Spec.Path.Split(' ')[0]).Distinct();
        throw new UsageException($"unknown command '{args[0]}': expected one of {string.Join(", ", known)}; see 'hallctl --help'");
    }

    private static string OneLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
