using System.Collections.Immutable;
using System.CommandLine;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Customer;

namespace OrleansHall.Clients.Verbs;

/// <summary>Records (or withdraws) a customer's consent by scope, as told to a staff member.</summary>
public sealed class CustomerConsentVerb() : Verb(
    "customer consent",
    "Records the customer's consent to the scopes (recognition by the cameras, certificate-free handling); --withdraw takes " +
    "back the scopes named, or all without --scope; withdrawing recognition deletes the face template from every gallery at once. " +
    "Each grant and withdrawal is an audit event that keeps who and when.",
    "hallctl customer consent --customer 3302110001 --staff zhenhai-guide --scope recognition,certificate-free",
    [Customer, Staff, Scope, Withdraw],
    ConnectionOptions.All)
{
    private static readonly Option<string> Customer = HallCtlOption.Id("--customer", "Customer id.", required: true);
    private static readonly Option<string> Staff = HallCtlOption.Id("--staff", "The staff member who recorded it.", required: true);
    private static readonly Option<string> Scope = HallCtlOption.Value("--scope", "S[,S]",
        "recognition, certificate-free (default recognition when granting; all when withdrawing).");
    private static readonly Option<bool> Withdraw = HallCtlOption.Flag("--withdraw", "Withdraw consent instead of granting it.");

    public override void Validate(ParseResult args) => Scopes(args);

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var id = args.GetRequiredValue(Customer);
        var customer = context.Grains.GetGrain<ICustomerGrain>(id);
        var scopes = Scopes(args);
        var withdraw = args.GetValue(Withdraw);
        if (withdraw)
        {
            await customer.WithdrawConsentAsync(scopes, args.GetRequiredValue(Staff));
        }
        else
        {
            await customer.GrantConsentAsync(scopes.IsEmpty ? [ConsentScope.Recognition] : scopes, args.GetRequiredValue(Staff));
        }

        var now = await customer.GetConsentsAsync();
        context.Output.WriteLine(now.IsEmpty
            ? $"{id}: no consent in force" + (withdraw ? "; face template deleted" : "")
            : $"{id}: consent to {string.Join(", ", now.OrderBy(c => c.Key).Select(c => $"{ConsentScopes.Name(c.Key)} (recorded by {c.Value.RecordedBy} at {c.Value.GrantedAt.ToLocalTime():yyyy-MM-dd HH:mm})"))}");
        return ExitCodes.Ok;
    }

    private static ImmutableArray<ConsentScope> Scopes(ParseResult args)
    {
        if (args.GetValue(Scope) is not { } raw)
        {
            return [];
        }

        var scopes = ImmutableArray.CreateBuilder<ConsentScope>();
        foreach (var word in raw.Split(',', StringSplitOptions.TrimEntries))
        {
            scopes.Add(ConsentScopes.ByName.TryGetValue(word, out var scope)
                ? scope
                : throw new UsageException($"option '--scope': expected recognition and/or certificate-free, got '{word}'"));
        }

        return scopes.ToImmutable();
    }
}
