using System.CommandLine;

namespace OrleansHall.Clients.Cli;

/// <summary>
/// A hallctl sub-command ("queue call"): its System.CommandLine command with typed options, each declared once with
/// its value name, help, default, range and one-line error (<see cref="HallCtlOption"/>), and what it does.
/// </summary>
public abstract class Verb
{
    protected Verb(string path, string summary, string example, params IEnumerable<Option>[] options)
    {
        CommandPath = path;
        Example = example;
        Command = new Command(path.Split(' ')[^1], summary);
        foreach (var option in options.SelectMany(o => o))
        {
            Command.Options.Add(option);
        }
    }

    /// <summary>The words that name it after "hallctl": "hall add", "sensor".</summary>
    public string CommandPath { get; }

    public string Summary => Command.Description ?? "";

    /// <summary>One command line that works, shown at the end of the verb's help.</summary>
    public string Example { get; }

    public Command Command { get; }

    public IEnumerable<Option> Options => Command.Options;

    /// <summary>Agents run until Ctrl-C and wait for the cluster as long as it takes; one-shot commands give up.</summary>
    public virtual bool LongRunning => false;

    /// <summary>
    /// Checks what the options must satisfy together (each option's own value is checked as it is parsed), before
    /// connecting, so a typo fails fast with exit code 2: throw <see cref="UsageException"/>.
    /// </summary>
    public virtual void Validate(ParseResult args)
    {
    }

    public abstract Task<int> RunAsync(ParseResult args, VerbContext context);
}
