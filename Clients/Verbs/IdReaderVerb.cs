using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Identity;

namespace OrleansHall.Clients.Verbs;

/// <summary>An ID-card reader at a first visit: the card's name, number and photo, and the live photo of its camera.</summary>
public sealed class IdReaderVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "idreader",
        "Captures a customer's ID for certificate-free service: the live face is matched 1:1 against the card photo and checked for liveness; on success (and with the certificate-free consent) the document is sealed and held. Otherwise says why: no-consent, no-face, several-faces, mismatch, spoof-suspected. Exit code 1 when refused.",
        [
            OptionSpec.Value("--hall", "ID", "Hall of the reader.", required: true),
            OptionSpec.Value("--device", "ID", "The ID-card reader (registered as one on first use; a device of another kind is refused).", required: true),
            OptionSpec.Value("--customer", "ID", "Customer id.", required: true),
            OptionSpec.Value("--name", "NAME", "Name as read from the card.", required: true),
            OptionSpec.Value("--id-number", "N", "The 18-character resident ID number read from the card (checked, never printed in full).", required: true),
            OptionSpec.Value("--id-photo", "FILE", "The card's photo (JPEG or PNG, at most 8 MiB).", required: true),
            OptionSpec.Value("--live-photo", "FILE", "The reader camera's photo of the customer (JPEG or PNG, at most 8 MiB).", required: true),
            OptionSpec.Flag("--json", "Print the result as one line of JSON."),
            .. ClusterSettings.Options,
        ],
        "hallctl idreader --hall zhenhai --device id-reader --customer 3302010001 --name 王芳 --id-number 33020019900101001X --id-photo card.jpg --live-photo live.jpg --json");

    public bool LongRunning => false;

    public void Validate(ParsedArgs args)
    {
        args.RequireId("--hall");
        args.RequireId("--device");
        args.RequireId("--customer");
        args.Require("--name");
        if (IdNumbers.Problem(args.Require("--id-number")) is { } problem)
        {
            throw new UsageException($"option '--id-number': {problem}");
        }

        PhotoFile.Check(args, "--id-photo", 8 * 1024 * 1024);
        PhotoFile.Check(args, "--live-photo", 8 * 1024 * 1024);
    }

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var capture = new IdCapture(
            args.RequireId("--hall"), args.RequireId("--device"), args.Require("--name"), args.Require("--id-number"),
            await PhotoFile.ReadAsync(args, "--id-photo", 8 * 1024 * 1024), await PhotoFile.ReadAsync(args, "--live-photo", 8 * 1024 * 1024));
        // Like the other device agents, a reader registers itself on first use; a device of another kind is refused by the capture.
        var reader = context.Grains.GetGrain<OrleansHall.Device.IDeviceGrain>($"{capture.HallId}/{capture.DeviceId}");
        try
        {
            await reader.GetStatusAsync();
        }
        catch (OrleansHall.Common.UnknownEntityException)
        {
            await reader.RegisterAsync(OrleansHall.Device.DeviceKind.IdCardReader);
        }

        var result = await context.Grains.GetGrain<IIdentityDocumentGrain>(args.RequireId("--customer")).CaptureAsync(capture);
        context.Output.WriteLine(args.Has("--json")
            ? JsonSerializer.Serialize(new
            {
                captured = result.Captured,
                similarity = Math.Round(result.Similarity, 3),
                liveness = Math.Round(result.Liveness, 3),
                reason = result.Reason,
                message = result.Message,
                documentId = result.DocumentId,
                idNumber = IdNumbers.Mask(capture.IdNumber),
            }, JsonOutput.Options)
            : $"{(result.Captured ? "captured" : $"refused ({result.Reason})")}: {result.Message} similarity {result.Similarity:F2}, liveness {result.Liveness:F2}");
        return result.Captured ? ExitCodes.Ok : ExitCodes.Refused;
    }
}
