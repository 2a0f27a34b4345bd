using OrleansHall.Clients.Cli;
using OrleansHall.Vision.Faces;

namespace OrleansHall.Clients.Vision;

/// <summary>
/// Base of the offline verbs: separates operands from options (options still go through <see cref="ArgParser"/>),
/// checks the operand count, prints help, and turns bad input into one line on stderr with exit code 1.
/// </summary>
public abstract class OfflineVerb : IOfflineVerb
{
    private readonly IReadOnlyList<string> _operands;

    protected OfflineVerb(string path, IReadOnlyList<string> operands, string summary, IReadOnlyList<OptionSpec> options, string example)
    {
        _operands = operands;
        Spec = new VerbSpec(path, summary, options, example);
    }

    public VerbSpec Spec { get; }

    public bool LongRunning => false;

    public void Validate(ParsedArgs args)
    {
    }

    Task<int> IVerb.RunAsync(ParsedArgs args, VerbContext context) =>
        throw new InvalidOperationException($"'hallctl {Spec.Path}' runs offline; call RunOfflineAsync.");

    public async Task<int> RunOfflineAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken stopping)
    {
        var operands = new List<string>();
        var options = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                output.Write(Help());
                return ExitCodes.Ok;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                options.Add(arg);
                // A value option without '=' takes the next word as its value.
                if (!arg.Contains('=') && Spec.Find(arg) is { IsFlag: false } && i + 1 < args.Count)
                {
                    options.Add(args[++i]);
                }
            }
            else
            {
                operands.Add(arg);
            }
        }

        var parsed = ArgParser.Parse(Spec, options);
        if (operands.Count != _operands.Count)
        {
            var got = operands.Count == 0 ? "none" : string.Join(" ", operands.Select(o => $"'{o}'"));
            throw new UsageException(
                $"'hallctl {Spec.Path}' expects {_operands.Count} operand(s) {string.Join(" ", _operands)}, got {got}; see 'hallctl {Spec.Path} --help'");
        }

        try
        {
            return await ExecuteAsync(parsed, operands, output, stopping);
        }
        catch (Exception bad) when (bad is VisionInputException or ModelIntegrityException)
        {
            error.WriteLine($"hallctl: {bad.Message}");
            return ExitCodes.Refused;
        }
    }

    protected abstract Task<int> ExecuteAsync(ParsedArgs options, IReadOnlyList<string> operands, TextWriter output, CancellationToken stopping);

    private string Help()
    {
        var help = Spec.Help();
        var usage = $"Usage: hallctl {Spec.Path} [options]";
        var withOperands = $"Usage: hallctl {Spec.Path}{(_operands.Count > 0 ? " " : "")}{string.Join(" ", _operands)} [options]";
        return help.StartsWith(usage, StringComparison.Ordinal) ? withOperands + help[usage.Length..] : help;
    }
}
