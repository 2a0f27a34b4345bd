using System.Globalization;
using OrleansHall.Clients.Cli;

namespace OrleansHall.Clients.Agents;

/// <summary>Parses the lines device agents read from stdin; a bad line is a <see cref="UsageException"/> naming what was expected.</summary>
public static class InputLines
{
    public const int MaxPeoplePerLine = 1000;

    /// <summary>"in N" or "out N" (N 1-1000), also "in N out M".</summary>
    public static (int Entries, int Exits) ParsePassage(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length is not (2 or 4))
        {
            throw new UsageException($"expected 'in N', 'out N' or 'in N out M', got '{line}'");
        }

        int entries = 0, exits = 0;
        for (var i = 0; i < words.Length; i += 2)
        {
            var count = People(words[i + 1], line);
            switch (words[i].ToLowerInvariant())
            {
                case "in" when entries == 0:
                    entries = count;
                    break;
                case "out" when exits == 0:
                    exits = count;
                    break;
                default:
                    throw new UsageException($"expected 'in N', 'out N' or 'in N out M', got '{line}'");
            }
        }

        return (entries, exits);
    }

    /// <summary>"use TYPE [ok|fail]", "ticket TYPE [CUSTOMER]" or "fault CODE MESSAGE...".</summary>
    public static KioskCommand ParseKiosk(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        const string expected = "expected 'use TYPE [ok|fail [CUSTOMER]]', 'ticket TYPE [CUSTOMER]' or 'fault CODE MESSAGE'";
        if (words.Length < 2)
        {
            throw new UsageException($"{expected}, got '{line}'");
        }

        switch (words[0].ToLowerInvariant())
        {
            case "use" when words.Length <= 4:
                var succeeded = words.Length == 2 || words[2].ToLowerInvariant() switch
                {
                    "ok" => true,
                    "fail" => false,
                    _ => throw new UsageException($"expected 'ok' or 'fail' after the business type, got '{words[2]}' in '{line}'"),
                };
                return new KioskCommand(KioskCommandKind.Use, words[1], succeeded ? "ok" : "fail", words.Length == 4 ? words[3] : null);
            case "ticket" when words.Length <= 3:
                return new KioskCommand(KioskCommandKind.Ticket, words[1], words.Length == 3 ? words[2] : null);
            case "fault":
                return new KioskCommand(KioskCommandKind.Fault, words[1], words.Length > 2 ? string.Join(' ', words[2..]) : words[1]);
            default:
                throw new UsageException($"{expected}, got '{line}'");
        }
    }

    private static int People(string word, string line)
    {
        if (!int.TryParse(word, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count < 1 || count > MaxPeoplePerLine)
        {
            throw new UsageException($"expected a count from 1 to {MaxPeoplePerLine}, got '{word}' in '{line}'");
        }

        return count;
    }
}
