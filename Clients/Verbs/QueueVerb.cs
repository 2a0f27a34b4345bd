using System.CommandLine;
using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Queue;

namespace OrleansHall.Clients.Verbs;

/// <summary>Small verbs over a hall's ticket queue, for demos, scripts and tests.</summary>
public sealed class QueueVerb(QueueAction action) : Verb(
    Paths[action].Path, Paths[action].Summary, Paths[action].Example, Paths[action].Options, ConnectionOptions.All)
{
    private static readonly Option<string> Hall = HallCtlOption.Id("--hall", "Hall id (the queue's key).", required: true);
    private static readonly Option<string> Counter = HallCtlOption.Id("--counter", "Counter id, e.g. C1.", required: true);
    private static readonly Option<string> TicketOption = HallCtlOption.Text("--ticket", "NUMBER", "Ticket number as printed when issued or called.", required: true, maxLength: 16);
    private static readonly Option<string> Staff = HallCtlOption.Id("--staff", "Staff id acting at the counter.");
    private static readonly Option<string> Type = HallCtlOption.Id("--type", "Business type, e.g. bill-payment.", required: true, valueName: "TYPE");
    private static readonly Option<string> Customer = HallCtlOption.Id("--customer", "Customer id, if known.");
    private static readonly Option<bool> Json = HallCtlOption.Flag("--json", "Print JSON.");

    private static readonly Dictionary<QueueAction, (string Path, string Summary, string Example, Option[] Options)> Paths = new()
    {
        [QueueAction.Issue] = ("queue issue", "Issues a ticket for a business type (VIP / special-needs customers get priority).",
            "hallctl queue issue --hall zhenhai --type bill-payment", [Hall, Type, Customer, Json]),
        [QueueAction.Call] = ("queue call", "Calls the next ticket to a counter.", "hallctl queue call --hall zhenhai --counter C1", [Hall, Counter, Staff, Json]),
        [QueueAction.Start] = ("queue start", "The called customer arrived; handling starts.",
            "hallctl queue start --hall zhenhai --counter C1 --ticket A001", [Hall, Counter, TicketOption, Staff, Json]),
        [QueueAction.Complete] = ("queue complete", "Handling finished.",
            "hallctl queue complete --hall zhenhai --counter C1 --ticket A001", [Hall, Counter, TicketOption, Staff, Json]),
        [QueueAction.NoShow] = ("queue noshow", "The called customer did not come.",
            "hallctl queue noshow --hall zhenhai --counter C1 --ticket A001", [Hall, Counter, TicketOption, Staff, Json]),
        [QueueAction.Status] = ("queue status", "Prints the queue: waiting per type, counters, today's KPIs.", "hallctl queue status --hall zhenhai", [Hall, Json]),
        [QueueAction.Open] = ("queue open", "Opens a counter for calling.", "hallctl queue open --hall zhenhai --counter C1 --staff zh-c1", [Hall, Counter, Staff]),
        [QueueAction.Close] = ("queue close", "Closes a counter.", "hallctl queue close --hall zhenhai --counter C1", [Hall, Counter]),
    };

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var queue = context.Grains.GetGrain<IQueueGrain>(args.GetRequiredValue(Hall));
        var json = args.GetValue(Json);
        switch (action)
        {
            case QueueAction.Issue:
                Print(context, json, await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), args.GetRequiredValue(Type), args.GetValue(Customer))));
                break;
            case QueueAction.Call:
                if (await queue.CallNextAsync(Act(args, ticket: null)) is { } called)
                {
                    Print(context, json, called);
                }
                else
                {
                    context.Output.WriteLine(json ? "null" : "nobody is waiting: no ticket called");
                }

                break;
            case QueueAction.Start:
                Print(context, json, await queue.StartServiceAsync(Act(args, args.GetRequiredValue(TicketOption))));
                break;
            case QueueAction.Complete:
                Print(context, json, await queue.CompleteAsync(Act(args, args.GetRequiredValue(TicketOption))));
                break;
            case QueueAction.NoShow:
                Print(context, json, await queue.NoShowAsync(Act(args, args.GetRequiredValue(TicketOption))));
                break;
            case QueueAction.Open:
                await queue.OpenCounterAsync(args.GetRequiredValue(Counter), args.GetValue(Staff));
                context.Output.WriteLine($"counter {args.GetRequiredValue(Counter)} open");
                break;
            case QueueAction.Close:
                await queue.CloseCounterAsync(args.GetRequiredValue(Counter));
                context.Output.WriteLine($"counter {args.GetRequiredValue(Counter)} closed");
                break;
            case QueueAction.Status:
                PrintSummary(context, json, await queue.GetSummaryAsync());
                break;
        }

        return ExitCodes.Ok;
    }

    private static CounterAction Act(ParseResult args, string? ticket) =>
        new(Guid.NewGuid(), args.GetRequiredValue(Counter), ticket, args.GetValue(Staff));

    private static void Print(VerbContext context, bool json, Ticket t)
    {
        if (json)
        {
            context.Output.WriteLine(JsonSerializer.Serialize(t, JsonOutput.Options));
            return;
        }

        var wait = t.PredictedWait is { } predicted ? $", predicted wait {predicted.TotalMinutes:0} min" : "";
        var counter = t.Counter is null ? "" : $" at counter {t.Counter}";
        context.Output.WriteLine($"ticket {t.Number} {t.BusinessType} {t.Priority} {t.Status}{counter}{wait}");
    }

    private static void PrintSummary(VerbContext context, bool json, QueueSummary s)
    {
        if (json)
        {
            context.Output.WriteLine(JsonSerializer.Serialize(s, JsonOutput.Options));
            return;
        }

        context.Output.WriteLine($"waiting {s.Waiting}, longest {s.LongestWaitMinutes:0.0} min; today issued {s.IssuedToday}, completed {s.CompletedToday}, no-shows {s.NoShowsToday}; avg wait {s.AverageWaitMinutes:0.0} min, avg handling {s.AverageHandlingMinutes:0.0} min");
        foreach (var type in s.ByType)
        {
            context.Output.WriteLine($"  {type.BusinessType}: waiting {type.Waiting}, predicted wait {type.PredictedWaitMinutes:0.0} min");
        }

        foreach (var counter in s.Counters)
        {
            context.Output.WriteLine($"  counter {counter.Counter}: {(counter.Open ? "open" : "closed")}, staff {counter.StaffId ?? "-"}, on {counter.CurrentTicket ?? "-"}, served {counter.ServedToday}");
        }
    }
}
