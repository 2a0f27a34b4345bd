using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Customer;

namespace OrleansHall.Clients.Verbs;

/// <summary>Enrols a consenting customer's face from a photo, for recognition at the door.</summary>
public sealed class CustomerEnrolVerb : IVerb
{
    private const long MaxPhotoBytes = 4 * 1024 * 1024;

    public VerbSpec Spec { get; } = new(
        "customer enrol",
        "Enrols the customer's face from a JPEG or PNG photo (at most 4 MiB) of the customer alone, for recognition; refused without consent to recognition, and for a photo with no face, more than one face or a face under 80 px, saying which.",
        [
            OptionSpec.Value("--customer", "ID", "Customer id.", required: true),
            OptionSpec.Value("--photo", "FILE", "A JPEG or PNG photo of the customer alone.", required: true),
            OptionSpec.Value("--staff", "ID", "The staff member enrolling.", required: true),
            .. ClusterSettings.Options,
        ],
        "hallctl customer enrol --customer 3302110001 --photo face.jpg --staff zhenhai-guide");

    public bool LongRunning => false;

    public void Validate(ParsedArgs args)
    {
        args.RequireId("--customer");
        args.RequireId("--staff");
        Photo(args);
    }

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var photo = await File.ReadAllBytesAsync(Photo(args));
        await context.Grains.GetGrain<ICustomerGrain>(args.RequireId("--customer")).EnrolFaceAsync(photo, args.RequireId("--staff"));
        context.Output.WriteLine($"face of {args.RequireId("--customer")} enrolled");
        return ExitCodes.Ok;
    }

    private static string Photo(ParsedArgs args) => PhotoFile.Check(args, "--photo", MaxPhotoBytes);
}
