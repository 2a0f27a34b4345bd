using System.CommandLine;
using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Common;
using OrleansHall.Identity;

namespace OrleansHall.Clients.Verbs;

/// <summary>
/// An ID-card reader at a first visit: the card's name and number (as JSON on standard input or in a file, never on the
/// command line, where other users' <c>ps</c> and the shell history would see them), its photo, and the live photo of
/// its camera.
/// </summary>
public sealed class IdReaderVerb() : Verb(
    "idreader",
    "Captures a customer's ID for certificate-free service: the live face is matched 1:1 against the card photo and checked for liveness; on success (and with the certificate-free consent) the document is sealed and held. The card's name and number are read as JSON ({\"name\": ..., \"idNumber\": ...}) from --card or standard input. A document already held is replaced only with --approved-by (a staff member of the hall) and only by the same face. Otherwise says why: no-consent, no-face, several-faces, mismatch, spoof-suspected, approval-needed, replacement-mismatch. Exit code 1 when refused.",
    "hallctl idreader --hall zhenhai --device id-reader --customer 3302010001 --card card.json --id-photo card.jpg --live-photo live.jpg --json",
    [Hall, Device, Customer, Card, IdPhoto, LivePhoto, ApprovedBy, Json],
    ConnectionOptions.All)
{
    private const long MaxPhotoBytes = 8 * 1024 * 1024;

    private static readonly Option<string> Hall = HallCtlOption.Id("--hall", "Hall of the reader.", required: true);
    private static readonly Option<string> Device = HallCtlOption.Id("--device", "The ID-card reader (registered as one on first use; a device of another kind is refused).", required: true);
    private static readonly Option<string> Customer = HallCtlOption.Id("--customer", "Customer id.", required: true);
    private static readonly Option<string> Card = HallCtlOption.Value("--card", "FILE", "JSON with the card's \"name\" and 18-character \"idNumber\" (checked, never printed in full); - or absent: standard input.");
    private static readonly Option<string> ApprovedBy = HallCtlOption.Id("--approved-by", "Staff member of the hall who approves replacing a document already held.", valueName: "STAFF");
    private static readonly Option<string> IdPhoto = HallCtlOption.Value("--id-photo", "FILE", "The card's photo (JPEG or PNG, at most 8 MiB).", required: true);
    private static readonly Option<string> LivePhoto = HallCtlOption.Value("--live-photo", "FILE", "The reader camera's photo of the customer (JPEG or PNG, at most 8 MiB).", required: true);
    private static readonly Option<bool> Json = HallCtlOption.Flag("--json", "Print the result as one line of JSON.");

    public override void Validate(ParseResult args)
    {
        PhotoFile.Check(args, IdPhoto, MaxPhotoBytes);
        PhotoFile.Check(args, LivePhoto, MaxPhotoBytes);
    }

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var card = await ReadCardAsync(args.GetValue(Card), context.Input, context.Stopping);
        var capture = new IdCapture(
            args.GetRequiredValue(Hall), args.GetRequiredValue(Device), card.Name, card.IdNumber,
            await PhotoFile.ReadAsync(args, IdPhoto, MaxPhotoBytes), await PhotoFile.ReadAsync(args, LivePhoto, MaxPhotoBytes), args.GetValue(ApprovedBy));
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

    /// <summary>The card's name and number from a JSON file or standard input ("-" or no --card), checked before anything is sent.</summary>
    private static async Task<CardText> ReadCardAsync(string? path, TextReader input, CancellationToken stopping)
    {
        var from = path is null or "-" ? "standard input" : $"'{path}'";
        if (path is not (null or "-") && !File.Exists(path))
        {
            throw new UsageException($"option '--card': '{path}' does not exist; expected JSON with \"name\" and \"idNumber\"");
        }

        var text = path is null or "-" ? await input.ReadToEndAsync(stopping) : await File.ReadAllTextAsync(path, stopping);
        CardText? card;
        try
        {
            card = JsonSerializer.Deserialize<CardText>(text, JsonOutput.Options);
        }
        catch (JsonException)
        {
            card = null;
        }

        if (card is null || string.IsNullOrWhiteSpace(card.Name) || card.Name.Length > 100 || card.IdNumber is null)
        {
            throw new UsageException($"the card read from {from} is not JSON with a \"name\" (1-100 characters) and an \"idNumber\"");
        }

        if (IdNumbers.Problem(card.IdNumber) is { } problem)
        {
            throw new UsageException($"the card read from {from}: {problem}");
        }

        return card;
    }

    private sealed record CardText(string Name, string IdNumber);
}
