using System.Globalization;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Hall;
using OrleansHall.Staffing;

namespace OrleansHall.Clients.Verbs;

/// <summary>A day's staffing suggestion for a hall, against its current roster.</summary>
public sealed class AnalyticsStaffingVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "analytics staffing",
        "Prints a hall's staffing suggestion for a day: counters needed per 15-minute slot (Erlang C checked by simulation) for the hall's " +
        "service-level target, the shifts that cover them, and staff-hours and simulated service level of the suggestion and of the current roster.",
        [
            OptionSpec.Value("--hall", "ID", "Hall id.", required: true),
            OptionSpec.Value("--day", "YYYY-MM-DD", "Local day (default today)."),
            OptionSpec.Flag("--json", "Print the plan as one JSON object."),
            .. ClusterSettings.Options,
        ],
        "hallctl analytics staffing --hall zhenhai --json");

    public bool LongRunning => false;

    public void Validate(ParsedArgs args)
    {
        args.RequireId("--hall");
        Day(args, TimeProvider.System);
    }

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var hallId = args.RequireId("--hall");
        await context.Grains.GetGrain<IHallGrain>(hallId).GetConfigAsync();
        var plan = await context.Grains.GetGrain<IHallStaffingGrain>(hallId).PlanAsync(Day(args, context.Time));
        if (args.Has("--json"))
        {
            context.Output.WriteLine(System.Text.Json.JsonSerializer.Serialize(plan, JsonOutput.Options));
            return ExitCodes.Ok;
        }

        var o = context.Output;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{hallId} {plan.Day:yyyy-MM-dd}: target {plan.ServiceLevelTarget:P0} called within {plan.TargetWaitMinutes:0} min ({plan.Basis})"));
        foreach (var slot in plan.Slots)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {slot.Start:HH:mm} {slot.ArrivalsPerHour,5:F1}/h  Erlang C {slot.ErlangCounters}  needed {slot.Counters}  rostered {slot.Rostered}  simulated {slot.SimulatedServiceLevel:P0}"));
        }

        foreach (var shift in plan.Shifts)
        {
            var lunch = shift.LunchFrom is { } from ? $", lunch {from:HH:mm}-{shift.LunchTo:HH:mm}" : "";
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  shift {shift.Role} {shift.From:HH:mm}-{shift.To:HH:mm}{lunch} ({shift.Hours:0.##} h)"));
        }

        foreach (var r in new[] { plan.Suggested, plan.Current })
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Name}: {r.People} people, {r.StaffHours:0.#} staff-hours, simulated {r.ServiceLevel:P1} within target, mean wait {r.MeanWaitMinutes:0.0} min, counters busy {r.CounterOccupancy:P0}"));
        }

        return ExitCodes.Ok;
    }

    private static DateOnly Day(ParsedArgs args, TimeProvider time)
    {
        if (args.Get("--day") is not { } raw)
        {
            return DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        }

        return DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new UsageException($"option '--day': expected a date like 2026-12-01, got '{raw}'");
    }
}
