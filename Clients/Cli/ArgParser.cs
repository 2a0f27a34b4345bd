namespace OrleansHall.Clients.Cli;

/// <summary>
/// Parses the options of one verb: "--name value", "--name=value" and flags. Anything else is a
/// <see cref="UsageException"/> naming the offending argument and what the verb expects.
/// </summary>
public static class ArgParser
{
    public static ParsedArgs Parse(VerbSpec verb, IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var helpHint = $"see 'hallctl {verb.Path} --help'";
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                return ParsedArgs.HelpRequested(verb);
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"unexpected argument '{arg}' for 'hallctl {verb.Path}': options start with '--'; {helpHint}");
            }

            string name;
            string? inline = null;
            var equals = arg.IndexOf('=');
            if (equals > 0)
            {
                name = arg[..equals];
                inline = arg[(equals + 1)..];
            }
            else
            {
                name = arg;
            }

            var option = verb.Find(name)
                ?? throw new UsageException($"unknown option '{name}' for 'hallctl {verb.Path}'; {helpHint}");

            string value;
            if (option.IsFlag)
            {
                if (inline is not null)
                {
                    throw new UsageException($"option '{name}' is a flag and takes no value, got '{inline}'");
                }

                value = "true";
            }
            else if (inline is not null)
            {
                value = inline;
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"option '{name}' needs a value: {name} {option.ValueName}");
            }

            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }
            else if (!option.Repeatable)
            {
                throw new UsageException($"option '{name}' was given more than once; give it once");
            }

            list.Add(value);
        }

        foreach (var option in verb.Options.Where(o => o.Required && !values.ContainsKey(o.Name)))
        {
            throw new UsageException($"missing required option '{option.Name} {option.ValueName}' for 'hallctl {verb.Path}'; {helpHint}");
        }

        return new ParsedArgs(verb, values);
    }
}
