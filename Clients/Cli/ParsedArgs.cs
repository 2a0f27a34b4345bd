using System.Collections.Immutable;
using System.Globalization;

namespace OrleansHall.Clients.Cli;

/// <summary>The options given to one verb, with typed getters that reject bad values with a clear message.</summary>
public sealed class ParsedArgs
{
    private readonly IReadOnlyDictionary<string, List<string>> _values;

    public ParsedArgs(VerbSpec verb, IReadOnlyDictionary<string, List<string>> values)
    {
        Verb = verb;
        _values = values;
    }

    public VerbSpec Verb { get; }

    public bool IsHelp { get; private init; }

    public static ParsedArgs HelpRequested(VerbSpec verb) =>
        new(verb, new Dictionary<string, List<string>>()) { IsHelp = true };

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    public string Require(string name) =>
        Get(name) ?? throw new UsageException($"missing required option '{name}' for 'hallctl {Verb.Path}'");

    public IReadOnlyList<string> GetAll(string name) =>
        _values.TryGetValue(name, out var list) ? list : [];

    /// <summary>An id usable in grain keys: 1-64 characters, no spaces, no '/'.</summary>
    public string RequireId(string name) => CheckId(name, Require(name));

    public string? GetId(string name) => Get(name) is { } value ? CheckId(name, value) : null;

    /// <summary>A comma-separated list ("C1,C2"); each item non-empty and an id.</summary>
    public ImmutableArray<string> GetIdList(string name, ImmutableArray<string> fallback)
    {
        if (Get(name) is not { } raw)
        {
            return fallback;
        }

        var items = raw.Split(',', StringSplitOptions.TrimEntries);
        if (items.Any(string.IsNullOrEmpty))
        {
            throw new UsageException($"option '{name}': expected a comma-separated list without empty items, got '{raw}'");
        }

        foreach (var item in items)
        {
            CheckId(name, item);
        }

        if (items.Distinct(StringComparer.Ordinal).Count() != items.Length)
        {
            throw new UsageException($"option '{name}': items must be distinct, got '{raw}'");
        }

        return [.. items];
    }

    public int GetInt(string name, int fallback, int min, int max)
    {
        if (Get(name) is not { } raw)
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"option '{name}': expected a whole number from {min} to {max}, got '{raw}'");
        }

        return value;
    }

    public double GetDouble(string name, double fallback, double min, double max)
    {
        if (Get(name) is not { } raw)
        {
            return fallback;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value) || value < min || value > max)
        {
            throw new UsageException($"option '{name}': expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got '{raw}'");
        }

        return value;
    }

    public DateTimeOffset? GetLocalTime(string name)
    {
        if (Get(name) is not { } raw)
        {
            return null;
        }

        if (!DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local))
        {
            throw new UsageException($"option '{name}': expected a local date and time like 2026-11-30T09:00, got '{raw}'");
        }

        return new DateTimeOffset(local);
    }

    /// <summary>One of a fixed set of words, case-insensitive.</summary>
    public T GetChoice<T>(string name, IReadOnlyDictionary<string, T> choices, T fallback)
    {
        if (Get(name) is not { } raw)
        {
            return fallback;
        }

        foreach (var (word, value) in choices)
        {
            if (string.Equals(word, raw, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw new UsageException($"option '{name}': expected one of {string.Join(", ", choices.Keys)}, got '{raw}'");
    }

    private static string CheckId(string name, string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 64 || value.Contains('/')
            || value.Any(char.IsControl) || value.Any(char.IsWhiteSpace))
        {
            throw new UsageException($"option '{name}': expected an id of 1-64 characters without spaces or '/', got '{value}'");
        }

        return value;
    }
}
