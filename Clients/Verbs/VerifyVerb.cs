using System.CommandLine;
using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Identity;

namespace OrleansHall.Clients.Verbs;

/// <summary>Certificate-free verification at a counter: the live face against the one held, with liveness.</summary>
public sealed class VerifyVerb() : Verb(
    "verify",
    "Verifies a customer's live face 1:1 against the face held from their ID capture, with liveness; on success the ID document is released for this one transaction (printed with the number masked) and the read is audited (who, when, which document, why). Exit code 1 when refused.",
    "hallctl verify --hall zhenhai --customer 3302010001 --live-photo live.jpg --json",
    [Hall, Customer, LivePhoto, Staff, Purpose, Json],
    ConnectionOptions.All)
{
    private const long MaxPhotoBytes = 8 * 1024 * 1024;

    private static readonly Option<string> Hall = HallCtlOption.Id("--hall", "Hall of the counter.", required: true);
    private static readonly Option<string> Customer = HallCtlOption.Id("--customer", "Customer id.", required: true);
    private static readonly Option<string> LivePhoto = HallCtlOption.Value("--live-photo", "FILE", "The counter camera's photo of the customer (JPEG or PNG, at most 8 MiB).", required: true);
    private static readonly Option<string> Staff = HallCtlOption.Id("--staff", "Who asks (default: counter).");
    private static readonly Option<string> Purpose = HallCtlOption.Text("--purpose", "TEXT", "Why the document is needed, for the audit log (default: certificate-free transaction).", maxLength: 200);
    private static readonly Option<bool> Json = HallCtlOption.Flag("--json", "Print {\"verified\",\"similarity\",\"liveness\",\"reason\",...} as one line of JSON.");

    public override void Validate(ParseResult args) => PhotoFile.Check(args, LivePhoto, MaxPhotoBytes);

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var request = new VerificationRequest(
            args.GetRequiredValue(Hall), args.GetValue(Staff) ?? "counter", args.GetValue(Purpose) ?? "certificate-free transaction",
            await PhotoFile.ReadAsync(args, LivePhoto, MaxPhotoBytes));
        var result = await context.Grains.GetGrain<IIdentityDocumentGrain>(args.GetRequiredValue(Customer)).VerifyAsync(request);
        var document = result.Document;
        context.Output.WriteLine(args.GetValue(Json)
            ? JsonSerializer.Serialize(new
            {
                verified = result.Verified,
                similarity = Math.Round(result.Similarity, 3),
                liveness = Math.Round(result.Liveness, 3),
                reason = result.Reason,
                message = result.Message,
                documentId = document?.DocumentId,
                transactionId = document?.TransactionId,
                name = document?.Name,
                idNumber = document?.MaskedIdNumber,
            }, JsonOutput.Options)
            : result.Verified
                ? $"verified: {document!.Name}, ID {document.MaskedIdNumber}, transaction {document.TransactionId}; similarity {result.Similarity:F2}, liveness {result.Liveness:F2}"
                : $"refused ({result.Reason}): {result.Message} similarity {result.Similarity:F2}, liveness {result.Liveness:F2}");
        return result.Verified ? ExitCodes.Ok : ExitCodes.Refused;
    }
}
