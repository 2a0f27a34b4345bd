using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Text;

namespace OrleansHall.Clients.Cli;

/// <summary>
/// hallctl's System.CommandLine tree: a command per word of each verb's path ("queue" holding "call"), one --help for
/// all, no response files or directives. Parse errors become the one line hallctl has always printed; help is written
/// from the tree (usage, description, options with their value names, the verb's example).
/// </summary>
public sealed class CommandLine
{
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null, EnablePosixBundling = false };

    private readonly RootCommand _root = new("Operates OrleansHall: devices, administration, the simulated region, vision and benchmarks.");
    private readonly Dictionary<Command, Verb> _verbs = [];
    private readonly Dictionary<Command, string> _paths = [];
    private readonly IReadOnlyList<Verb> _all;

    public CommandLine(IReadOnlyList<Verb> verbs)
    {
        _all = verbs;
        foreach (var option in _root.Options.Where(o => o is HelpOption or VersionOption).ToList())
        {
            _root.Options.Remove(option);
        }

        _root.Options.Add(new HelpOption("--help", "-h") { Action = new ShowHelp(), Description = "Show this help." });
        _root.Directives.Clear();
        _paths[_root] = "";
        foreach (var verb in verbs)
        {
            Command parent = _root;
            var words = verb.CommandPath.Split(' ');
            foreach (var word in words[..^1])
            {
                var group = parent.Subcommands.FirstOrDefault(c => c.Name == word);
                if (group is null)
                {
                    group = new Command(word);
                    parent.Subcommands.Add(group);
                    _paths[group] = _paths[parent].Length == 0 ? word : $"{_paths[parent]} {word}";
                }

                parent = group;
            }

            parent.Subcommands.Add(verb.Command);
            _paths[verb.Command] = verb.CommandPath;
            _verbs[verb.Command] = verb;
        }
    }

    /// <summary>What the command line asks for: a verb to run with its options, or help to print.</summary>
    public (Verb? Verb, ParseResult Result, string? Help) Parse(IReadOnlyList<string> args)
    {
        var result = _root.Parse(args, Parsing);
        var command = result.CommandResult.Command;
        if (result.Action is ShowHelp)
        {
            return (null, result, command == _root ? Usage() : Help(command));
        }

        if (result.Errors.Count > 0)
        {
            throw new UsageException(ErrorText(result, args));
        }

        return _verbs.TryGetValue(command, out var verb) ? (verb, result, null) : throw new UsageException(ErrorText(result, args));
    }

    /// <summary>Every verb with its summary, for `hallctl --help` and a bare `hallctl`.</summary>
    public string Usage()
    {
        var width = _all.Max(v => v.CommandPath.Length) + 2;
        var lines = _all.Select(v => $"  {v.CommandPath.PadRight(width)}{v.Summary}");
        return "Usage: hallctl <command> [options]   (hallctl <command> --help for its options)\n\nCommands:\n" + string.Join('\n', lines) + "\n";
    }

    private string Help(Command command)
    {
        if (!_verbs.TryGetValue(command, out var verb))
        {
            return $"Usage: hallctl {_paths[command]} <command> [options]\n\nCommands:\n"
                + string.Join('\n', command.Subcommands.Select(c => $"  {c.Name,-12}{c.Description}")) + "\n";
        }

        var operands = string.Concat(command.Arguments.Select(a => $" {a.HelpName ?? a.Name}"));
        var options = command.Options.Where(o => o is not HelpOption).ToList();
        var width = options.Select(o => Label(o).Length).Append("--help".Length).Max() + 2;
        var text = new StringBuilder();
        text.AppendLine($"Usage: hallctl {verb.CommandPath}{operands} [options]");
        text.AppendLine();
        text.AppendLine(verb.Summary);
        text.AppendLine();
        text.AppendLine("Options:");
        foreach (var option in options)
        {
            text.AppendLine($"  {Label(option).PadRight(width)}{option.Description}{(option.Required ? " (required)" : "")}");
        }

        text.AppendLine($"  {"--help".PadRight(width)}Show this help.");
        text.AppendLine();
        text.AppendLine($"Example: {verb.Example}");
        return text.ToString();
    }

    private static string Label(Option option) => option.Arity.MaximumNumberOfValues == 0 ? option.Name : $"{option.Name} {option.HelpName}";

    /// <summary>
    /// The one line for a command line that did not parse, the first of these that applies: a flag given a value, an
    /// option given twice, an option without its value, a word that is no command or option here, a missing
    /// sub-command, a missing required option, else what the option itself said of its value.
    /// </summary>
    private string ErrorText(ParseResult result, IReadOnlyList<string> args)
    {
        var command = result.CommandResult.Command;
        var path = _paths[command];
        var seeHelp = $"see 'hallctl {path} --help'";
        var given = result.CommandResult.Children.OfType<OptionResult>().Where(o => !o.Implicit).ToList();

        foreach (var arg in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            var split = arg.IndexOfAny(['=', ':']);
            if (split > 2 && command.Options.FirstOrDefault(o => o.Name == arg[..split]) is { Arity.MaximumNumberOfValues: 0 } flag)
            {
                return $"option '{flag.Name}' is a flag and takes no value, got '{arg[(split + 1)..]}'";
            }
        }

        if (given.FirstOrDefault(o => o.IdentifierTokenCount > 1 && o.Option.Arity.MaximumNumberOfValues == 1) is { } twice)
        {
            return $"option '{twice.Option.Name}' was given more than once; give it once";
        }

        if (given.FirstOrDefault(o => o.Option.Arity.MinimumNumberOfValues > 0
            && (o.Tokens.Count == 0 || o.Tokens[^1].Value.StartsWith("--", StringComparison.Ordinal))) is { } empty)
        {
            return $"option '{empty.Option.Name}' needs a value: {empty.Option.Name} {empty.Option.HelpName}";
        }

        if (result.UnmatchedTokens.FirstOrDefault() is { } stray)
        {
            if (command == _root)
            {
                return $"unknown command '{stray}': expected one of {string.Join(", ", _root.Subcommands.Select(c => c.Name))}; see 'hallctl --help'";
            }

            if (command.Subcommands.Count > 0)
            {
                return $"'hallctl {path}' needs a sub-command, one of: {string.Join(", ", command.Subcommands.Select(c => c.Name))}; got '{stray}'";
            }

            return stray.StartsWith("--", StringComparison.Ordinal)
                ? $"unknown option '{stray}' for 'hallctl {path}'; {seeHelp}"
                : $"unexpected argument '{stray}' for 'hallctl {path}': options start with '--'; {seeHelp}";
        }

        if (command.Subcommands.Count > 0)
        {
            return $"'hallctl {path}' needs a sub-command, one of: {string.Join(", ", command.Subcommands.Select(c => c.Name))}; got nothing";
        }

        if (command.Options.FirstOrDefault(o => o.Required && result.GetResult(o) is not { IdentifierTokenCount: > 0 }) is { } missing)
        {
            return $"missing required option '{missing.Name} {missing.HelpName}' for 'hallctl {path}'; {seeHelp}";
        }

        return result.Errors.Count > 0 ? result.Errors[0].Message : $"nothing to run for 'hallctl {path}'; {seeHelp}";
    }

    /// <summary>Marks a request for help; <see cref="Parse"/> prints it, whatever else the command line holds.</summary>
    private sealed class ShowHelp : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult) => ExitCodes.Ok;
    }
}
