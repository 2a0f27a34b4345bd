using System.CommandLine;
using OrleansHall.Analytics.Demand;
using OrleansHall.Clients.Agents;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Delivery;
using OrleansHall.Clients.Cluster;
using OrleansHall.Clients.Simulation;
using OrleansHall.Common;
using OrleansHall.Device;
using OrleansHall.Queue;

namespace OrleansHall.Clients.Verbs;

/// <summary>A self-service kiosk: transactions, ticket issuing and faults.</summary>
public sealed class KioskVerb() : Verb(
    "kiosk",
    "Runs a self-service kiosk: registers it, sends heartbeats and usage read from stdin ('use TYPE [ok|fail [CUSTOMER]]', 'ticket TYPE [CUSTOMER]', 'fault CODE MESSAGE') or simulated.",
    "printf 'use bill-payment ok\\nticket meter-issue\\n' | hallctl kiosk --hall zhenhai --device kiosk-1",
    AgentOptions.Common,
    [Tickets])
{
    private static readonly Option<bool> Tickets = HallCtlOption.Flag("--tickets", "With --simulate: most sessions also take a queue ticket.");

    public override bool LongRunning => true;

    public override void Validate(ParseResult args)
    {
        AgentOptions.ValidateCommon(args);
        if (args.GetValue(Tickets) && !args.GetValue(AgentOptions.Simulate))
        {
            throw new UsageException("'--tickets' only applies with '--simulate'; without it, write 'ticket TYPE' lines to stdin");
        }
    }

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var hallId = args.GetRequiredValue(AgentOptions.Hall);
        var deviceId = args.GetRequiredValue(AgentOptions.Device);
        var link = new DeviceLink(context.Grains, context.Time, context.Note);
        await link.RegisterAsync(hallId, deviceId, DeviceKind.Kiosk, context.Stopping);

        using var pipeline = new ReadingPipeline(context.Grains, args.GetValue(AgentOptions.Outbox), context.Note);
        pipeline.UseJournal(AgentOptions.OutboxFile(args));
        long uses = 0, tickets = 0;
        var queue = context.Grains.GetGrain<IQueueGrain>(hallId);

        void Use(string type, bool ok, string? customer = null)
        {
            Interlocked.Increment(ref uses);
            pipeline.Add(new UsageReading(hallId, deviceId, new DeviceUsage(Guid.NewGuid(), type, ok, context.Time.GetLocalNow(), customer)));
        }

        async Task TicketAsync(string type, string? customer)
        {
            try
            {
                // One request, re-sent unchanged through a short outage, so a lost reply never leaves a second ticket.
                var request = new TicketRequest(Guid.NewGuid(), type, customer);
                var ticket = await Resend.UntilAnsweredAsync(() => queue.IssueTicketAsync(request), Backoff.Default, context.Time,
                    TimeSpan.FromSeconds(30), context.Stopping);
                Interlocked.Increment(ref tickets);
                var wait = ticket.PredictedWait is { } w ? $", predicted wait {w.TotalMinutes:0} min" : "";
                context.Output.WriteLine($"ticket {ticket.Number} {ticket.BusinessType} {ticket.Priority}{wait}");
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A customer at the kiosk gets the error on screen; the kiosk keeps running.
                context.Note($"ticket for {type} not issued: {error.Message}");
            }
        }

        using var background = CancellationTokenSource.CreateLinkedTokenSource(context.Stopping);
        var heartbeats = link.RunHeartbeatsAsync([Keys.Scoped(hallId, deviceId)], TimeSpan.FromSeconds(args.GetValue(AgentOptions.Interval)), background.Token);
        var delivery = pipeline.RunAsync(context.Time, background.Token);
        var status = StatusTicker.RunAsync(
            () => $"kiosk {hallId}/{deviceId}: uses {Interlocked.Read(ref uses)} tickets {Interlocked.Read(ref tickets)}; {pipeline.StatusText()}",
            context.Output, context.Time, background.Token);
        context.Note($"kiosk {hallId}/{deviceId} registered; {(args.GetValue(AgentOptions.Simulate) ? "simulating customers" : "reading commands from stdin")}");

        try
        {
            if (args.GetValue(AgentOptions.Simulate))
            {
                var random = AgentOptions.Random(args);
                var rate = args.GetValue(AgentOptions.Rate);
                while (!context.Stopping.IsCancellationRequested)
                {
                    await Task.Delay(AgentOptions.PoissonGap(rate, random), context.Time, context.Stopping);
                    var type = BusinessTypes.Pick(random);
                    Use(type, random.NextDouble() < 0.95);
                    if (args.GetValue(Tickets) && random.NextDouble() < 0.6)
                    {
                        await TicketAsync(type, null);
                    }
                }
            }
            else
            {
                var number = 0;
                while (await Background.ReadLineAsync(context.Input, context.Stopping) is { } line)
                {
                    number++;
                    if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
                    {
                        continue;
                    }

                    KioskCommand command;
                    try
                    {
                        command = InputLines.ParseKiosk(line);
                    }
                    catch (UsageException bad)
                    {
                        context.Note($"stdin line {number}: {bad.Message}; line ignored");
                        continue;
                    }

                    switch (command.Kind)
                    {
                        case KioskCommandKind.Use:
                            Use(command.Subject, command.Detail == "ok", command.Customer);
                            break;
                        case KioskCommandKind.Ticket:
                            await TicketAsync(command.Subject, command.Detail);
                            break;
                        case KioskCommandKind.Fault:
                            var fault = new DeviceFault(Guid.NewGuid(), command.Subject, command.Detail ?? command.Subject, context.Time.GetLocalNow());
                            await link.RetryTransientAsync(
                                () => context.Grains.GetDevice(hallId, deviceId).ReportFaultAsync(fault), "reporting the fault", context.Stopping);
                            context.Output.WriteLine($"fault {fault.Code} reported");
                            break;
                    }
                }

                await pipeline.WhenEmptyAsync(context.Stopping);
            }
        }
        finally
        {
            await background.CancelAsync();
            await Background.WhenStoppedAsync(heartbeats, delivery, status);
            context.Output.WriteLine($"kiosk {hallId}/{deviceId}: uses {uses} tickets {tickets}; {pipeline.StatusText()}");
        }

        return pipeline.Stats.Rejected > 0 ? ExitCodes.Refused : ExitCodes.Ok;
    }
}
