using System.CommandLine;
using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Gallery;
using OrleansHall.Identity;
using Spectre.Console;

namespace OrleansHall.Clients.Verbs;

/// <summary>
/// Re-seals every gallery and held ID document under the key that seals now (after <c>hallctl keys add</c>), one grain
/// at a time with a progress bar; the old key stays readable throughout. Run it again until it reports nothing left
/// under an old key; only then remove that key from the ring.
/// </summary>
public sealed class KeysRotateVerb() : Verb(
    "keys rotate",
    "Re-seals every region gallery and held ID document under the biometric key that seals now, listing them from grain storage; the old keys stay readable meanwhile. Prints how many were under which key; the last line is JSON. Exit code 1 when any could not be re-sealed (they are named; run it again). Administrator only.",
    "hallctl keys rotate",
    [],
    ConnectionOptions.All)
{
    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var inventory = await context.Grains.GetGrain<IBiometricStoreGrain>(0).ListSealedAsync();
        var before = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failed = new List<string>();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var bar = progress.AddTask($"re-sealing under {inventory.CurrentKeyId}", maxValue: Math.Max(1, inventory.Holders.Length));
                foreach (var holder in inventory.Holders)
                {
                    context.Stopping.ThrowIfCancellationRequested();
                    try
                    {
                        var key = holder.Kind == SealedHolder.Gallery
                            ? await context.Grains.GetGrain<IFaceGalleryGrain>(holder.Id).ResealAsync()
                            : await context.Grains.GetGrain<IIdentityDocumentGrain>(holder.Id).ResealAsync();
                        if (key is not null)
                        {
                            before[key] = before.GetValueOrDefault(key) + 1;
                        }
                    }
                    catch (Exception error) when (error is not OperationCanceledException)
                    {
                        failed.Add($"{holder.Kind} {holder.Id}: {error.GetType().Name}: {error.Message.Split('\n')[0]}");
                    }

                    bar.Increment(1);
                }
            });

        var resealed = before.Where(k => k.Key != inventory.CurrentKeyId).Sum(k => k.Value);
        foreach (var failure in failed)
        {
            context.Note($"could not re-seal {failure}");
        }

        context.Output.WriteLine($"{resealed} re-sealed under {inventory.CurrentKeyId}, {before.GetValueOrDefault(inventory.CurrentKeyId)} already under it, {failed.Count} failed; " +
            $"before: {(before.Count == 0 ? "nothing sealed" : string.Join(", ", before.Select(k => $"{k.Key} {k.Value}")))}");
        context.Output.WriteLine(JsonSerializer.Serialize(new { key = inventory.CurrentKeyId, holders = inventory.Holders.Length, resealed, failed = failed.Count, before }));
        return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.Refused;
    }
}
