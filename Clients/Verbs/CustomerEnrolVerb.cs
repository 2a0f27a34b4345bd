using System.CommandLine;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Customer;

namespace OrleansHall.Clients.Verbs;

/// <summary>Enrols a consenting customer's face from a photo, for recognition at the door.</summary>
public sealed class CustomerEnrolVerb() : Verb(
    "customer enrol",
    "Enrols the customer's face from a JPEG or PNG photo (at most 4 MiB) of the customer alone, for recognition; refused without consent to recognition, and for a photo with no face, more than one face or a face under 80 px, saying which.",
    "hallctl customer enrol --customer 3302110001 --photo face.jpg --staff zhenhai-guide",
    [Customer, Photo, Staff],
    ConnectionOptions.All)
{
    private const long MaxPhotoBytes = 4 * 1024 * 1024;

    private static readonly Option<string> Customer = HallCtlOption.Id("--customer", "Customer id.", required: true);
    private static readonly Option<string> Photo = HallCtlOption.Value("--photo", "FILE", "A JPEG or PNG photo of the customer alone.", required: true);
    private static readonly Option<string> Staff = HallCtlOption.Id("--staff", "The staff member enrolling.", required: true);

    public override void Validate(ParseResult args) => PhotoFile.Check(args, Photo, MaxPhotoBytes);

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var photo = await PhotoFile.ReadAsync(args, Photo, MaxPhotoBytes);
        var customerId = args.GetRequiredValue(Customer);
        await context.Grains.GetGrain<ICustomerGrain>(customerId).EnrolFaceAsync(photo, args.GetRequiredValue(Staff));
        context.Output.WriteLine($"face of {customerId} enrolled");
        return ExitCodes.Ok;
    }
}
