using System.CommandLine;
using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Customer;

namespace OrleansHall.Clients.Verbs;

/// <summary>A customer's erasure request (PIPL art. 47): everything held about them goes, the audit of the erasure stays.</summary>
public sealed class CustomerEraseVerb() : Verb(
    "customer erase",
    "Carries out the customer's request to be erased: profile, tags, visits, appointments, consents, the face template in " +
    "every gallery, the ID document, strategy cards and handheld pushes, and the halls' visitor ledgers are removed; only " +
    "the audit of the erasure is kept. It cannot be undone, so it needs --yes. The last line is one JSON object.",
    "hallctl customer erase --customer 3302110001 --by zhenhai-manager --yes",
    [Customer, By, Yes],
    ConnectionOptions.All)
{
    private static readonly Option<string> Customer = HallCtlOption.Id("--customer", "Customer id.", required: true);
    private static readonly Option<string> By = HallCtlOption.Id("--by", "Who took the customer's request (kept in the audit).", required: true);
    private static readonly Option<bool> Yes = HallCtlOption.Flag("--yes", "Confirm: the erasure cannot be undone.");

    public override void Validate(ParseResult args)
    {
        if (!args.GetValue(Yes))
        {
            throw new UsageException("erasing a customer cannot be undone: add --yes to confirm");
        }
    }

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var id = args.GetRequiredValue(Customer);
        var report = await context.Grains.GetGrain<ICustomerGrain>(id).EraseAsync(args.GetRequiredValue(By));
        context.Output.WriteLine(
            $"{id} erased: {report.Visits} visits, {report.Appointments} appointments, {report.Consents} consents" +
            (report.FaceTemplate ? ", face template" : "") + (report.IdDocument ? ", ID document" : "") +
            $" removed; {report.Halls} hall(s) told to forget; only the audit of the erasure is kept");
        context.Output.WriteLine(JsonSerializer.Serialize(new
        {
            customer = id,
            erased_at = report.ErasedAt,
            visits = report.Visits,
            appointments = report.Appointments,
            consents = report.Consents,
            face_template = report.FaceTemplate,
            id_document = report.IdDocument,
            halls = report.Halls,
        }));
        return ExitCodes.Ok;
    }
}
