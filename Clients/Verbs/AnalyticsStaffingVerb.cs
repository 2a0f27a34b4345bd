using System.CommandLine;
using System.Globalization;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Hall;
using OrleansHall.Staffing;

namespace OrleansHall.Clients.Verbs;

/// <summary>A day's staffing suggestion for a hall, against its current roster.</summary>
public sealed class AnalyticsStaffingVerb() : Verb(
    "analytics staffing",
    "Prints a hall's staffing suggestion for a day: counters needed per 15-minute slot (Erlang C checked by simulation) for the hall's " +
    "service-level target, the shifts that cover them, and staff-hours and simulated service level of the suggestion and of the current roster.",
    "hallctl analytics staffing --hall zhenhai --json",
    [Hall, Day, Json],
    ConnectionOptions.All)
{
    private static readonly Option<string> Hall = HallCtlOption.Id("--hall", "Hall id.", required: true);
    private static readonly Option<DateOnly?> Day = HallCtlOption.Day("--day", "Local day (default today).");
    private static readonly Option<bool> Json = HallCtlOption.Flag("--json", "Print the plan as one JSON object.");

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var hallId = args.GetRequiredValue(Hall);
        await context.Grains.GetGrain<IHallGrain>(hallId).GetConfigAsync();
        var plan = await context.Grains.GetGrain<IHallStaffingGrain>(hallId).PlanAsync(args.GetValue(Day) ?? DateOnly.FromDateTime(context.Time.GetLocalNow().DateTime));
        if (args.GetValue(Json))
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
}
