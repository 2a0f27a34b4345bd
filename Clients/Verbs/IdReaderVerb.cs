using System.CommandLine;
using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Common;
using OrleansHall.Identity;

namespace OrleansHall.Clients.Verbs;

/// <summary>An ID-card reader at a first visit: the card's name, number and photo, and the live photo of its camera.</summary>
public sealed class IdReaderVerb() : Verb(
    "idreader",
    "Captures a customer's ID for certificate-free service: the live face is matched 1:1 against the card photo and checked for liveness; on success (and with the certificate-free consent) the document is sealed and held. Otherwise says why: no-consent, no-face, several-faces, mismatch, spoof-suspected. Exit code 1 when refused.",
    "hallctl idreader --hall zhenhai --device id-reader --customer 3302010001 --name 王芳 --id-number 33020019900101001X --id-photo card.jpg --live-photo live.jpg --json",
    [Hall, Device, Customer, Name, IdNumber, IdPhoto, LivePhoto, Json],
    ConnectionOptions.All)
{
    private const long MaxPhotoBytes = 8 * 1024 * 1024;

    private static readonly Option<string> Hall = HallCtlOption.Id("--hall", "Hall of the reader.", required: true);
    private static readonly Option<string> Device = HallCtlOption.Id("--device", "The ID-card reader (registered as one on first use; a device of another kind is refused).", required: true);
    private static readonly Option<string> Customer = HallCtlOption.Id("--customer", "Customer id.", required: true);
    private static readonly Option<string> Name = HallCtlOption.Text("--name", "NAME", "Name as read from the card.", required: true, maxLength: 100);
    private static readonly Option<string> IdNumber = HallCtlOption.Value("--id-number", "N", "The 18-character resident ID number read from the card (checked, never printed in full).", required: true);
    private static readonly Option<string> IdPhoto = HallCtlOption.Value("--id-photo", "FILE", "The card's photo (JPEG or PNG, at most 8 MiB).", required: true);
    private static readonly Option<string> LivePhoto = HallCtlOption.Value("--live-photo", "FILE", "The reader camera's photo of the customer (JPEG or PNG, at most 8 MiB).", required: true);
    private static readonly Option<bool> Json = HallCtlOption.Flag("--json", "Print the result as one line of JSON.");

    public override void Validate(ParseResult args)
    {
        if (IdNumbers.Problem(args.GetRequiredValue(IdNumber)) is { } problem)
        {
            throw new UsageException($"option '--id-number': {problem}");
        }

        PhotoFile.Check(args, IdPhoto, MaxPhotoBytes);
        PhotoFile.Check(args, LivePhoto, MaxPhotoBytes);
    }

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var capture = new IdCapture(
            args.GetRequiredValue(Hall), args.GetRequiredValue(Device), args.GetRequiredValue(Name), args.GetRequiredValue(IdNumber),
            await PhotoFile.ReadAsync(args, IdPhoto, MaxPhotoBytes), await PhotoFile.ReadAsync(args, LivePhoto, MaxPhotoBytes));
        // Like the other device agents, a reader registers itself on first use; a device of another kind is refused by the capture.
        var reader = context.Grains.GetDevice(capture.HallId, capture.DeviceId);
        try
        {
            await reader.GetStatusAsync();
        }
        catch (OrleansHall.Common.UnknownEntityException)
        {
            await reader.RegisterAsync(OrleansHall.Device.DeviceKind.IdCardReader);
        }

        var result = await context.Grains.GetGrain<IIdentityDocumentGrain>(args.GetRequiredValue(Customer)).CaptureAsync(capture);
        context.Output.WriteLine(args.GetValue(Json)
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
