using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Identity;

namespace OrleansHall.Clients.Verbs;

/// <summary>Certificate-free verification at a counter: the live face against the one held, with liveness.</summary>
public sealed class VerifyVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "verify",
        "Verifies a customer's live face 1:1 against the face held from their ID capture, with liveness; on success the ID document is released for this one transaction (printed with the number masked) and the read is audited (who, when, which document, why). Exit code 1 when refused.",
        [
            OptionSpec.Value("--hall", "ID", "Hall of the counter.", required: true),
            OptionSpec.Value("--customer", "ID", "Customer id.", required: true),
            OptionSpec.Value("--live-photo", "FILE", "The counter camera's photo of the customer (JPEG or PNG, at most 8 MiB).", required: true),
            OptionSpec.Value("--staff", "ID", "Who asks (default: counter)."),
            OptionSpec.Value("--purpose", "TEXT", "Why the document is needed, for the audit log (default: certificate-free transaction)."),
            OptionSpec.Flag("--json", "Print {\"verified\",\"similarity\",\"liveness\",\"reason\",...} as one line of JSON."),
            .. ClusterSettings.Options,
        ],
        "hallctl verify --hall zhenhai --customer 3302010001 --live-photo live.jpg --json");

    public bool LongRunning => false;

    public void Validate(ParsedArgs args)
    {
        args.RequireId("--hall");
        args.RequireId("--customer");
        args.GetId("--staff");
        PhotoFile.Check(args, "--live-photo", 8 * 1024 * 1024);
    }

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var request = new VerificationRequest(
            args.RequireId("--hall"), args.GetId("--staff") ?? "counter", args.Get("--purpose") ?? "certificate-free transaction",
            await PhotoFile.ReadAsync(args, "--live-photo", 8 * 1024 * 1024));
        var result = await context.Grains.GetGrain<IIdentityDocumentGrain>(args.RequireId("--customer")).VerifyAsync(request);
        var document = result.Document;
        context.Output.WriteLine(args.Has("--json")
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
