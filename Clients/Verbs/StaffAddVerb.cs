using System.CommandLine;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Staff;

namespace OrleansHall.Clients.Verbs;

public sealed class StaffAddVerb() : Verb(
    "staff add",
    "Adds or updates a member of hall staff.",
    "hallctl staff add --hall zhenhai --staff zh-c1 --name 王芳 --role counter-clerk --on-duty",
    [Hall, Staff, Name, Role, OnDuty],
    ConnectionOptions.All)
{
    public static IReadOnlyDictionary<string, StaffRole> Roles { get; } = new Dictionary<string, StaffRole>
    {
        ["counter-clerk"] = StaffRole.CounterClerk,
        ["floating-guide"] = StaffRole.FloatingGuide,
        ["account-manager"] = StaffRole.AccountManager,
        ["hall-manager"] = StaffRole.HallManager,
    };

    private static readonly Option<string> Hall = HallCtlOption.Id("--hall", "Hall id.", required: true);
    private static readonly Option<string> Staff = HallCtlOption.Id("--staff", "Staff id, e.g. zhenhai-clerk1.", required: true);
    private static readonly Option<string> Name = HallCtlOption.Text("--name", "NAME", "Display name.", required: true, maxLength: 100);
    private static readonly Option<StaffRole> Role = HallCtlOption.RequiredChoice("--role", "ROLE", $"One of {string.Join(", ", Roles.Keys)}.", Roles);
    private static readonly Option<bool> OnDuty = HallCtlOption.Flag("--on-duty", "Put the staff member on duty now.");

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var (hallId, staffId, role) = (args.GetRequiredValue(Hall), args.GetRequiredValue(Staff), args.GetRequiredValue(Role));
        var staff = context.Grains.GetGrain<IStaffGrain>(staffId);
        await staff.RegisterAsync(args.GetRequiredValue(Name), role, hallId);
        var onDuty = args.GetValue(OnDuty);
        await staff.SetOnDutyAsync(onDuty);
        context.Output.WriteLine($"staff {staffId} ({role}) in hall {hallId}, {(onDuty ? "on duty" : "off duty")}");
        return ExitCodes.Ok;
    }
}
