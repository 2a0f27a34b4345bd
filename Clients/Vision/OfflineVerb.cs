using System.CommandLine;
using OrleansHall.Clients.Cli;

namespace OrleansHall.Clients.Vision;

/// <summary>
/// A verb that works on local files only: it takes operands (file names) besides options and never connects to the
/// cluster, so it works with no silo running. Bad input (an unreadable file, a photo without a face, an altered model)
/// is one line on stderr with exit code 1.
/// </summary>
public abstract class OfflineVerb : Verb
{
    private readonly string[] _operandNames;
    private readonly Argument<string[]> _operands;

    protected OfflineVerb(string path, string[] operands, string summary, string example, params IEnumerable<Option>[] options)
        : base(path, summary, example, options)
    {
        _operandNames = operands;
        _operands = new Argument<string[]>("operands") { HelpName = string.Join(' ', operands), Arity = ArgumentArity.ZeroOrMore };
        Command.Arguments.Add(_operands);
    }

    public override void Validate(ParseResult args)
    {
        var operands = args.GetValue(_operands) ?? [];
        if (operands.Length != _operandNames.Length)
        {
            var got = operands.Length == 0 ? "none" : string.Join(" ", operands.Select(o => $"'{o}'"));
            throw new UsageException(
                $"'hallctl {CommandPath}' expects {_operandNames.Length} operand(s) {string.Join(" ", _operandNames)}, got {got}; see 'hallctl {CommandPath} --help'");
        }
    }

    public sealed override Task<int> RunAsync(ParseResult args, VerbContext context) =>
        throw new InvalidOperationException($"'hallctl {CommandPath}' runs offline; call RunOfflineAsync.");

    /// <summary>What the verb may read from, besides its files (stdin).</summary>
    protected TextReader Input { get; private set; } = TextReader.Null;

    public Task<int> RunOfflineAsync(ParseResult args, TextReader input, TextWriter output, CancellationToken stopping)
    {
        Input = input;
        return ExecuteAsync(args, args.GetValue(_operands) ?? [], output, stopping);
    }

    protected abstract Task<int> ExecuteAsync(ParseResult args, IReadOnlyList<string> operands, TextWriter output, CancellationToken stopping);
}
