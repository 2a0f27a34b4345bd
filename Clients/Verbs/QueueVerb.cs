using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Queue;

namespace OrleansHall.Clients.Verbs;

/// <summary>Small verbs over a hall's ticket queue, for demos, scripts and tests.</summary>
public sealed class QueueVerb(QueueAction action) : IVerb
{
    private static readonly OptionSpec Hall = OptionSpec.Value("--hall", "ID", "Hall id (the queue's key).", required: true);
    private static readonly OptionSpec Counter = OptionSpec.Value("--counter", "ID", "Counter id, e.g. C1.", required: true);
    private static readonly OptionSpec TicketOption = OptionSpec.Value("--ticket", "NUMBER", "Ticket number as printed when issued or called.", required: true);
    private static readonly OptionSpec Staff = OptionSpec.Value("--staff", "ID", "Staff id acting at the counter.");
    private static readonly OptionSpec Json = OptionSpec.Flag("--json", "Print JSON.");

    public VerbSpec Spec { get; } = action switch
    {
        QueueAction.Issue => new("queue issue", "Issues a ticket for a business type (VIP / special-needs customers get priority).",
            [Hall, OptionSpec.Value("--type", "TYPE", "Business type, e.g. bill-payment.", required: true),
             OptionSpec.Value("--customer", "ID", "Customer id, if known."), Json, .. ClusterSettings.Options],
            "hallctl queue issue --hall zhenhai --type bill-payment"),
        QueueAction.Call => new("queue call", "Calls the next ticket to a counter.",
            [Hall, Counter, Staff, Json, .. ClusterSettings.Options], "hallctl queue call --hall zhenhai --counter C1"),
        QueueAction.Start => new("queue start", "The called customer arrived; handling starts.",
            [Hall, Counter, TicketOption, Staff, Json, .. ClusterSettings.Options], "hallctl queue start --hall zhenhai --counter C1 --ticket A001"),
        QueueAction.Complete => new("queue complete", "Handling finished.",
            [Hall, Counter, TicketOption, Staff, Json, .. ClusterSettings.Options], "hallctl queue complete --hall zhenhai --counter C1 --ticket A001"),
        QueueAction.NoShow => new("queue noshow", "The called customer did not come.",
            [Hall, Counter, TicketOption, Staff, Json, .. ClusterSettings.Options], "hallctl queue noshow --hall zhenhai --counter C1 --ticket A001"),
        QueueAction.Status => new("queue status", "Prints the queue: waiting per type, counters, today's KPIs.",
            [Hall, Json, .. ClusterSettings.Options], "hallctl queue status --hall zhenhai"),
        QueueAction.Open => new("queue open", "Opens a counter for calling.",
            [Hall, Counter, Staff, .. ClusterSettings.Options], "hallctl queue open --hall zhenhai --counter C1 --staff zh-c1"),
        QueueAction.Close => new("queue close", "Closes a counter.",
            [Hall, Counter, .. ClusterSettings.Options], "hallctl queue close --hall zhenhai --counter C1"),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown queue action."),
    };

    public bool LongRunning => false;

    public void Validate(ParsedArgs args)
    {
        args.RequireId("--hall");
        foreach (var id in new[] { "--counter", "--staff", "--customer", "--type" })
        {
            if (Spec.Find(id) is not null)
            {
                args.GetId(id);
            }
        }

        if (Spec.Find("--ticket") is not null && string.IsNullOrWhiteSpace(args.Require("--ticket")))
        {
            throw new UsageException("option '--ticket': expected a ticket number like A001");
        }
    }

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var queue = context.Grains.GetGrain<IQueueGrain>(args.RequireId("--hall"));
        var json = args.Has("--json");
        switch (action)
        {
            case QueueAction.Issue:
                Print(context, json, await queue.IssueTicketAsync(new TicketRequest(Guid.NewGuid(), args.RequireId("--type"), args.GetId("--customer"))));
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
                Print(context, json, await queue.StartServiceAsync(Act(args, args.Require("--ticket"))));
                break;
            case QueueAction.Complete:
                Print(context, json, await queue.CompleteAsync(Act(args, args.Require("--ticket"))));
                break;
            case QueueAction.NoShow:
                Print(context, json, await queue.NoShowAsync(Act(args, args.Require("--ticket"))));
                break;
            case QueueAction.Open:
                await queue.OpenCounterAsync(args.RequireId("--counter"), args.GetId("--staff"));
                context.Output.WriteLine($"counter {args.RequireId("--counter")} open");
                break;
            case QueueAction.Close:
                await queue.CloseCounterAsync(args.RequireId("--counter"));
                context.Output.WriteLine($"counter {args.RequireId("--counter")} closed");
                break;
            case QueueAction.Status:
                PrintSummary(context, json, await queue.GetSummaryAsync());
                break;
        }

        return ExitCodes.Ok;
    }

    private static CounterAction Act(ParsedArgs args, string? ticket) =>
        new(Guid.NewGuid(), args.RequireId("--counter"), ticket, args.GetId("--staff"));

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
