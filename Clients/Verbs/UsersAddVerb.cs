using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Vision;

namespace OrleansHall.Clients.Verbs;

/// <summary>
/// Adds (or replaces) a console user in the users file the console reads (OrleansHall:UsersFile): the name, role, hall
/// and ASP.NET Core Identity's hash of the password read from stdin, never the password itself.
/// </summary>
public sealed class UsersAddVerb() : OfflineVerb(
    "users add",
    [],
    "Adds or replaces a console user in a users file (JSON, mode 600): role, hall, and a salted PBKDF2 hash of the password " +
    "read from the first line of stdin, so the password is never on the command line or in the file. Point the console at " +
    "the file with OrleansHall__UsersFile. Needs no cluster.",
    "printf '%s\\n' \"$PASSWORD\" | hallctl users add --file .data/console-users.json --name zhenhai --role HallManager --hall zhenhai",
    [File, Name, Role, Hall])
{
    private static readonly IReadOnlyDictionary<string, string> Roles = new[] { "RegionalOperator", "HallManager", "Staff", "Auditor", "Ops" }
        .ToDictionary(r => r, r => r, StringComparer.OrdinalIgnoreCase);

    private static readonly Option<string> File = HallCtlOption.Value("--file", "FILE", "The users file (created if missing).", required: true);
    private static readonly Option<string> Name = HallCtlOption.Id("--name", "The user name to sign in with.", required: true, valueName: "NAME");
    private static readonly Option<string> Role = HallCtlOption.RequiredChoice("--role", "ROLE", $"One of {string.Join(", ", Roles.Keys)}.", Roles);
    private static readonly Option<string> Hall = HallCtlOption.Id("--hall", "The user's hall: required for HallManager and Staff, optional for Auditor.");

    public override void Validate(ParseResult args)
    {
        base.Validate(args);
        if (args.GetRequiredValue(Role) is "HallManager" or "Staff" && args.GetValue(Hall) is null)
        {
            throw new UsageException($"option '--hall' is required for role {args.GetRequiredValue(Role)}");
        }

        if (args.GetRequiredValue(Role) == "RegionalOperator" && args.GetValue(Hall) is not null)
        {
            throw new UsageException("option '--hall' does not apply to a RegionalOperator, who sees every hall");
        }

        if (args.GetRequiredValue(Role) == "Ops" && args.GetValue(Hall) is not null)
        {
            throw new UsageException("option '--hall' does not apply to Ops, who sign in to the Orleans dashboard only");
        }
    }

    protected override async Task<int> ExecuteAsync(ParseResult args, IReadOnlyList<string> operands, TextWriter output, CancellationToken stopping)
    {
        var password = await Input.ReadLineAsync(stopping);
        if (string.IsNullOrEmpty(password) || password.Length < 8)
        {
            throw new UsageException("expected the password (8 characters or more) on the first line of stdin");
        }

        var (path, name) = (Path.GetFullPath(args.GetRequiredValue(File)), args.GetRequiredValue(Name));
        var root = System.IO.File.Exists(path)
            ? JsonNode.Parse(await System.IO.File.ReadAllTextAsync(path, stopping)) as JsonObject
                ?? throw new VisionInputException($"'{path}' is not a users file: expected a JSON object")
            : [];
        var console = root["OrleansHall"] as JsonObject ?? (JsonObject)(root["OrleansHall"] = new JsonObject());
        var users = console["Users"] as JsonObject ?? (JsonObject)(console["Users"] = new JsonObject());
        users[name] = new JsonObject
        {
            ["Name"] = name,
            ["Role"] = args.GetRequiredValue(Role),
            ["HallId"] = args.GetValue(Hall),
            ["PasswordHash"] = new PasswordHasher<object>().HashPassword(name, password),
        };

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await System.IO.File.WriteAllTextAsync(temporary, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), stopping);
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        System.IO.File.Move(temporary, path, overwrite: true);
        output.WriteLine($"user {name} ({args.GetRequiredValue(Role)}{(args.GetValue(Hall) is { } hall ? $", hall {hall}" : "")}) written to {path}");
        return ExitCodes.Ok;
    }
}
