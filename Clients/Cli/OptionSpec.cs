namespace OrleansHall.Clients.Cli;

/// <summary>One option of a verb; a flag when <paramref name="ValueName"/> is null.</summary>
public sealed record OptionSpec(
    string Name,
    string? ValueName,
    string Help,
    bool Required = false,
    bool Repeatable = false)
{
    public bool IsFlag => ValueName is null;

    public static OptionSpec Flag(string name, string help) => new(name, null, help);

    public static OptionSpec Value(string name, string valueName, string help, bool required = false) =>
        new(name, valueName, help, required);
}
