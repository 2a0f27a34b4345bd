using System.Text;

namespace OrleansHall.Clients.Cli;

/// <summary>A sub-command ("hall add", "sensor") with its options and a one-line summary.</summary>
public sealed record VerbSpec(string Path, string Summary, IReadOnlyList<OptionSpec> Options, string? Example = null)
{
    public OptionSpec? Find(string name) => Options.FirstOrDefault(o => o.Name == name);

    public string Help()
    {
        var text = new StringBuilder();
        text.AppendLine($"Usage: hallctl {Path} [options]");
        text.AppendLine();
        text.AppendLine(Summary);
        text.AppendLine();
        text.AppendLine("Options:");
        var width = Options.Max(o => Label(o).Length) + 2;
        foreach (var option in Options)
        {
            var required = option.Required ? " (required)" : "";
            text.AppendLine($"  {Label(option).PadRight(width)}{option.Help}{required}");
        }

        text.AppendLine($"  {"--help".PadRight(width)}Show this help.");
        if (Example is not null)
        {
            text.AppendLine();
            text.AppendLine($"Example: {Example}");
        }

        return text.ToString();
    }

    private static string Label(OptionSpec option) =>
        option.IsFlag ? option.Name : $"{option.Name} {option.ValueName}";
}
