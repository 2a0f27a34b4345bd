using System.Collections.Immutable;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using OrleansHall.Common;

namespace OrleansHall.Clients.Cli;

/// <summary>
/// The kinds of option hallctl verbs take, each a typed System.CommandLine option that checks its own value and says
/// in one line what was wrong ("option '--capacity': expected a whole number from 1 to 10000, got '-5'"). A default
/// and a range are given once, here, and the help shows them.
/// </summary>
public static class HallCtlOption
{
    /// <summary>An id as grain keys take it (<see cref="Keys.IsValid"/>): what the CLI lets through, the grain accepts.</summary>
    public static Option<string> Id(string name, string description, bool required = false, string valueName = "ID")
        => Parsed(name, valueName, description, raw => Keys.IsValid(raw) ? (raw, null) : (raw, IdError(raw)), required);

    /// <summary>The id of a hall being created: an id, and not one of the event log's reserved prefixes (<see cref="Keys.ReservedHallPrefixes"/>).</summary>
    public static Option<string> NewHallId(string name, string description)
        => Parsed(name, "ID", description, raw => Keys.IsValid(raw)
            ? (raw, Keys.ReservedPrefixOf(raw) is { } reserved ? $"ids starting with '{reserved}' are reserved for the event log's own streams, got '{raw}'" : null)
            : (raw, IdError(raw)), required: true);

    /// <summary>Free text, trimmed, up to <paramref name="maxLength"/> characters.</summary>
    public static Option<string> Text(string name, string valueName, string description, bool required = false, int maxLength = 4096)
        => Parsed(name, valueName, description, raw =>
        {
            var text = raw.Trim();
            return text.Length > 0 && text.Length <= maxLength ? (text, null) : (text, $"expected 1-{maxLength} characters, got '{raw}'");
        }, required);

    public static Option<int> Int(string name, string valueName, string description, int fallback, int min, int max)
        => Parsed(name, valueName, WithDefault(description, Range(fallback, min, max)), raw => ParseInt(raw, min, max) is var (value, error) ? (value ?? fallback, error) : default, fallback: () => fallback);

    /// <summary>A whole number with no default: null when the option is not given.</summary>
    public static Option<int?> IntOrNone(string name, string valueName, string description, int min, int max)
        => Parsed<int?>(name, valueName, description, raw => ParseInt(raw, min, max));

    public static Option<double> Double(string name, string valueName, string description, double fallback, double min, double max)
        => Parsed(name, valueName, WithDefault(description, Range(fallback, min, max)), raw => ParseDouble(raw, min, max) is var (value, error) ? (value ?? fallback, error) : default, fallback: () => fallback);

    /// <summary>A number with no default: null when the option is not given.</summary>
    public static Option<double?> DoubleOrNone(string name, string valueName, string description, double min, double max, bool required = false)
        => Parsed<double?>(name, valueName, description, raw => ParseDouble(raw, min, max), required);

    /// <summary>A comma-separated list of distinct ids ("C1,C2").</summary>
    public static Option<ImmutableArray<string>> IdList(string name, string valueName, string description, ImmutableArray<string> fallback)
        => Parsed<ImmutableArray<string>>(name, valueName, WithDefault(description, string.Join(',', fallback)), raw =>
        {
            var items = raw.Split(',', StringSplitOptions.TrimEntries);
            if (items.Any(string.IsNullOrEmpty))
            {
                return ([], $"expected a comma-separated list without empty items, got '{raw}'");
            }

            if (items.FirstOrDefault(i => !Keys.IsValid(i)) is { } bad)
            {
                return ([], IdError(bad));
            }

            return items.Distinct(StringComparer.Ordinal).Count() == items.Length
                ? ([.. items], null)
                : ([], $"items must be distinct, got '{raw}'");
        }, fallback: () => fallback);

    /// <summary>A local date and time ("2026-11-30T09:00"); null when not given.</summary>
    public static Option<DateTimeOffset?> LocalTime(string name, string description, bool required = false)
        => Parsed<DateTimeOffset?>(name, "LOCAL_TIME", description, raw =>
            DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local)
                ? (new DateTimeOffset(local), null)
                : (null, $"expected a local date and time like 2026-11-30T09:00, got '{raw}'"), required);

    /// <summary>A calendar day ("2026-12-01"); null when not given.</summary>
    public static Option<DateOnly?> Day(string name, string description)
        => Parsed<DateOnly?>(name, "DAY", description, raw =>
            DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? (day, null)
                : (null, $"expected a date like 2026-12-01, got '{raw}'"));

    /// <summary>One of a fixed set of words, case-insensitive.</summary>
    public static Option<T> Choice<T>(string name, string valueName, string description, IReadOnlyDictionary<string, T> choices, T fallback)
        => Parsed<T>(name, valueName, WithDefault(description, choices.First(c => EqualityComparer<T>.Default.Equals(c.Value, fallback)).Key), raw =>
            choices.FirstOrDefault(c => string.Equals(c.Key, raw, StringComparison.OrdinalIgnoreCase)) is { Key: not null } chosen
                ? (chosen.Value, null)
                : (fallback, $"expected one of {string.Join(", ", choices.Keys)}, got '{raw}'"), fallback: () => fallback);

    /// <summary>As <see cref="Choice{T}"/>, without a default: the option must be given.</summary>
    public static Option<T> RequiredChoice<T>(string name, string valueName, string description, IReadOnlyDictionary<string, T> choices)
        => Parsed<T>(name, valueName, description, raw =>
            choices.FirstOrDefault(c => string.Equals(c.Key, raw, StringComparison.OrdinalIgnoreCase)) is { Key: not null } chosen
                ? (chosen.Value, null)
                : (default!, $"expected one of {string.Join(", ", choices.Keys)}, got '{raw}'"), required: true);

    /// <summary>A value the verb checks itself, or passes on as it is (a file name, a connection string).</summary>
    public static Option<string> Value(string name, string valueName, string description, bool required = false)
        => Parsed<string>(name, valueName, description, raw => (raw, null), required);

    /// <summary>An option that may be given several times ("--gateway A --gateway B").</summary>
    public static Option<string[]> Repeatable(string name, string valueName, string description)
        => new(name)
        {
            HelpName = valueName,
            Description = description,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };

    /// <summary>A switch: present or not; it takes no value.</summary>
    public static Option<bool> Flag(string name, string description)
        => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>Whether the option was on the command line (not merely given its default).</summary>
    public static bool Has(this ParseResult args, Option option) => args.GetResult(option) is { Implicit: false };

    private static Option<T> Parsed<T>(
        string name, string valueName, string description, Func<string, (T Value, string? Error)> parse, bool required = false, Func<T>? fallback = null)
    {
        var option = new Option<T>(name)
        {
            HelpName = valueName,
            Description = description,
            Required = required,
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0 || result.Tokens[^1].Value.StartsWith("--", StringComparison.Ordinal))
                {
                    result.AddError($"option '{name}' needs a value: {name} {valueName}");
                    return default!;
                }

                var raw = result.Tokens[^1].Value;
                var (value, error) = parse(raw);
                if (error is not null)
                {
                    result.AddError($"option '{name}': {error}");
                }

                return value;
            },
        };
        if (fallback is not null)
        {
            option.DefaultValueFactory = _ => fallback();
        }

        return option;
    }

    private static (int?, string?) ParseInt(string raw, int min, int max)
        => int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (null, $"expected a whole number from {min} to {max}, got '{raw}'");

    private static (double?, string?) ParseDouble(string raw, double min, double max)
        => double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value) && value >= min && value <= max
            ? (value, null)
            : (null, string.Create(CultureInfo.InvariantCulture, $"expected a number from {min} to {max}, got '{raw}'"));

    private static string IdError(string raw) => $"expected an id of 1-64 letters, digits or '-', '_', '.', ':', '@', got '{Keys.Printable(raw)}'";

    private static string Range<T>(T fallback, T min, T max)
        where T : IFormattable
        => string.Create(CultureInfo.InvariantCulture, $"{fallback}; {min} to {max}");

    private static string WithDefault(string description, string fallback)
        => description.EndsWith('.') ? $"{description[..^1]} (default {fallback})." : $"{description} (default {fallback})";
}
