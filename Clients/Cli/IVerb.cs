namespace OrleansHall.Clients.Cli;

/// <summary>A hallctl sub-command.</summary>
public interface IVerb
{
    VerbSpec Spec { get; }

    /// <summary>Agents run until Ctrl-C and wait for the cluster as long as it takes; one-shot commands give up.</summary>
    bool LongRunning { get; }

    /// <summary>Checks the options before connecting, so a typo fails fast with exit code 2.</summary>
    void Validate(ParsedArgs args);

    Task<int> RunAsync(ParsedArgs args, VerbContext context);
}
