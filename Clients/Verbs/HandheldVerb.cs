using System.CommandLine;
using System.Text.Json;
using OrleansHall.Clients.Agents;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Staff;

namespace OrleansHall.Clients.Verbs;

/// <summary>A staff handheld: subscribes to the staff member's pushes and prints one line per push until Ctrl-C.</summary>
public sealed class HandheldVerb() : Verb(
    "handheld",
    "Runs a staff handheld: prints the pushes (tickets, VIP arrivals, alerts) sent to a staff member, one line each, until Ctrl-C.",
    "hallctl handheld --hall zhenhai --staff zh-guide --json",
    [Hall, Staff, Json, NoHistory],
    ConnectionOptions.All)
{
    // Well inside the grain's expiry, and soon enough after a silo restart (which forgets subscribers).
    private static readonly TimeSpan Renew = TimeSpan.FromSeconds(20);

    private static readonly Option<string> Hall = HallCtlOption.Id("--hall", "Hall id (must be the staff member's hall).", required: true);
    private static readonly Option<string> Staff = HallCtlOption.Id("--staff", "Staff id.", required: true);
    private static readonly Option<bool> Json = HallCtlOption.Flag("--json", "Print each push as one JSON line.");
    private static readonly Option<bool> NoHistory = HallCtlOption.Flag("--no-history", "Do not print the pushes sent earlier today.");

    public override bool LongRunning => true;

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var hallId = args.GetRequiredValue(Hall);
        var staffId = args.GetRequiredValue(Staff);
        var json = args.GetValue(Json);
        var staff = context.Grains.GetGrain<IStaffGrain>(staffId);
        var link = new DeviceLink(context.Grains, context.Time, context.Note);

        StaffProfile? profile = null;
        await link.RetryTransientAsync(async () => profile = await staff.GetProfileAsync(), "reading the staff profile", context.Stopping);
        if (profile!.HallId != hallId)
        {
            throw new UsageException($"option '--hall': staff {staffId} belongs to hall '{profile.HallId}', got '{hallId}'");
        }

        var printLock = new Lock();
        var printed = new HashSet<(DateTimeOffset, string, string)>();
        void Print(StaffPush push)
        {
            var line = json
                ? JsonSerializer.Serialize(push, JsonOutput.Options)
                : $"{push.At.ToLocalTime():HH:mm:ss} [{push.Kind}] {push.Message}"
                    + (push.TicketNumber is null ? "" : $" ticket {push.TicketNumber}")
                    + (push.CustomerId is null ? "" : $" customer {push.CustomerId}");
            lock (printLock)
            {
                // A push can arrive live and again in the catch-up after a renewal: print it once.
                if (printed.Add((push.At, push.Kind, push.Message)))
                {
                    context.Output.WriteLine(line);
                }
            }
        }

        var since = context.Time.GetUtcNow();
        async Task CatchUpAsync(bool history)
        {
            foreach (var push in await staff.GetRecentPushesAsync())
            {
                if (history || push.At >= since)
                {
                    Print(push);
                }
            }
        }

        // The client holds the terminal weakly through its reference: it is kept alive below until the handheld stops.
        var terminal = new StaffTerminal(Print);
        var reference = context.Grains.CreateObjectReference<IStaffTerminal>(terminal);
        try
        {
            await link.RetryTransientAsync(() => staff.SubscribeAsync(reference), "subscribing", context.Stopping);
            await CatchUpAsync(history: !args.GetValue(NoHistory));

            context.Note($"handheld for {profile.Name} ({profile.Role}) in {hallId}: listening; Ctrl-C to stop");
            using var timer = new PeriodicTimer(Renew, context.Time);
            var failing = false;
            while (await timer.WaitForNextTickAsync(context.Stopping))
            {
                // Subscriptions expire on the grain side, and a restarted silo forgets them: renew every minute.
                try
                {
                    await staff.SubscribeAsync(reference);
                    // Pushes sent while the subscription was lost (silo restart) are kept by the grain.
                    await CatchUpAsync(history: false);
                    if (failing)
                    {
                        context.Note("subscription renewed after an outage");
                        failing = false;
                    }
                }
                catch (Exception error) when (TransientFailures.IsTransient(error))
                {
                    if (!failing)
                    {
                        context.Note($"cannot renew the subscription, cluster unreachable ({error.GetType().Name}); will retry");
                        failing = true;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (context.Stopping.IsCancellationRequested)
        {
        }
        finally
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                await staff.UnsubscribeAsync(reference).WaitAsync(timeout.Token);
            }
            catch (Exception error) when (error is OperationCanceledException || TransientFailures.IsTransient(error))
            {
                // It expires on its own.
            }

            context.Grains.DeleteObjectReference<IStaffTerminal>(reference);
            GC.KeepAlive(terminal);
        }

        return ExitCodes.Ok;
    }
}
