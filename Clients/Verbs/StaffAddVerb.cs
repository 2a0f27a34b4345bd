using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Staff;

namespace OrleansHall.Clients.Verbs;

public sealed class StaffAddVerb : IVerb
{
    public static IReadOnlyDictionary<string, StaffRole> Roles { get; } = new Dictionary<string, StaffRole>
    {
        ["counter-clerk"] = StaffRole.CounterClerk,
        ["floating-guide"] = StaffRole.FloatingGuide,
        ["account-manager"] = StaffRole.AccountManager,
        ["hall-manager"] = StaffRole.HallManager,
    };

    public VerbSpec Spec { get; } = new(
        "staff add",
        "Adds or updates a member of hall staff.",
        [
            OptionSpec.Value("--hall", "ID", "Hall id.", required: true),
            OptionSpec.Value("--staff", "ID", "Staff id, e.g. zhenhai-clerk1.", required: true),
            OptionSpec.Value("--name", "NAME", "Display name.", required: true),
            OptionSpec.Value("--role", "ROLE", $"One of {string.Join(", ", Roles.Keys)}.", required: true),
            OptionSpec.Flag("--on-duty", "Put the staff member on duty now."),
            .. ClusterSettings.Options,
        ],
        "hallctl staff add --hall zhenhai --staff zh-c1 --name 王芳 --role counter-clerk --on-duty");

    public bool LongRunning => false;

    public void Validate(ParsedArgs args)
    {
        args.RequireId("--hall");
        args.RequireId("--staff");
        args.GetChoice("--role", Roles, StaffRole.CounterClerk);
    }

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var hallId = args.RequireId("--hall");
        var staffId = args.RequireId("--staff");
        var role = args.GetChoice("--role", Roles, StaffRole.CounterClerk);
        var staff = context.Grains.GetGrain<IStaffGrain>(staffId);
        await staff.RegisterAsync(args.Require("--name"), role, hallId);
        var onDuty = args.Has("--on-duty");
        await staff.SetOnDutyAsync(onDuty);
        context.Output.WriteLine($"staff {staffId} ({role}) in hall {hallId}, {(onDuty ? "on duty" : "off duty")}");
        return ExitCodes.Ok;
    }
}
