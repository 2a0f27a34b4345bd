using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Customer;

namespace OrleansHall.Clients.Verbs;

/// <summary>Records (or withdraws) a customer's consent to face recognition, as told to a staff member.</summary>
public sealed class CustomerConsentVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "customer consent",
        "Records the customer's consent to face recognition; --withdraw takes it back and deletes the face template at once.",
        [
            OptionSpec.Value("--customer", "ID", "Customer id.", required: true),
            OptionSpec.Value("--staff", "ID", "The staff member who recorded it.", required: true),
            OptionSpec.Flag("--withdraw", "Withdraw consent instead of granting it."),
            .. ClusterSettings.Options,
        ],
        "hallctl customer consent --customer 3302110001 --staff zhenhai-guide");

    public bool LongRunning => false;

    public void Validate(ParsedArgs args)
    {
        args.RequireId("--customer");
        args.RequireId("--staff");
    }

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var customer = context.Grains.GetGrain<ICustomerGrain>(args.RequireId("--customer"));
        if (args.Has("--withdraw"))
        {
            await customer.WithdrawBiometricConsentAsync(args.RequireId("--staff"));
            context.Output.WriteLine($"consent withdrawn; face template of {args.RequireId("--customer")} deleted");
        }
        else
        {
            await customer.GrantBiometricConsentAsync(args.RequireId("--staff"));
            context.Output.WriteLine($"consent recorded for {args.RequireId("--customer")}");
        }

        return ExitCodes.Ok;
    }
}
