using System.Collections.Immutable;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Customer;

namespace OrleansHall.Clients.Verbs;

/// <summary>Records (or withdraws) a customer's consent by scope, as told to a staff member.</summary>
public sealed class CustomerConsentVerb : IVerb
{
    private static readonly Dictionary<string, ConsentScope> Scopes = new()
    {
        ["recognition"] = ConsentScope.Recognition,
        ["certificate-free"] = ConsentScope.CertificateFree,
    };

    public VerbSpec Spec { get; } = new(
        "customer consent",
        "Records the customer's consent to the scopes (recognition by the cameras, certificate-free handling); --withdraw takes " +
        "back the scopes named, or all without --scope; withdrawing recognition deletes the face template from every gallery at once. " +
        "Each grant and withdrawal is an audit event that keeps who and when.",
        [
            OptionSpec.Value("--customer", "ID", "Customer id.", required: true),
            OptionSpec.Value("--staff", "ID", "The staff member who recorded it.", required: true),
            OptionSpec.Value("--scope", "S[,S]", "recognition, certificate-free (default recognition when granting; all when withdrawing)."),
            OptionSpec.Flag("--withdraw", "Withdraw consent instead of granting it."),
            .. ClusterSettings.Options,
        ],
        "hallctl customer consent --customer 3302110001 --staff zhenhai-guide --scope recognition,certificate-free");

    public bool LongRunning => false;

    public void Validate(ParsedArgs args)
    {
        args.RequireId("--customer");
        args.RequireId("--staff");
        Parse(args);
    }

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var id = args.RequireId("--customer");
        var customer = context.Grains.GetGrain<ICustomerGrain>(id);
        var scopes = Parse(args);
        if (args.Has("--withdraw"))
        {
            await customer.WithdrawConsentAsync(scopes, args.RequireId("--staff"));
        }
        else
        {
            await customer.GrantConsentAsync(scopes.IsEmpty ? [ConsentScope.Recognition] : scopes, args.RequireId("--staff"));
        }

        var now = await customer.GetConsentsAsync();
        context.Output.WriteLine(now.IsEmpty
            ? $"{id}: no consent in force" + (args.Has("--withdraw") ? "; face template deleted" : "")
            : $"{id}: consent to {string.Join(", ", now.OrderBy(c => c.Key).Select(c => $"{Name(c.Key)} (recorded by {c.Value.RecordedBy} at {c.Value.GrantedAt.ToLocalTime():yyyy-MM-dd HH:mm})"))}");
        return ExitCodes.Ok;
    }

    private static string Name(ConsentScope scope) => Scopes.First(s => s.Value == scope).Key;

    private static ImmutableArray<ConsentScope> Parse(ParsedArgs args)
    {
        if (args.Get("--scope") is not { } raw)
        {
            return [];
        }

        var scopes = ImmutableArray.CreateBuilder<ConsentScope>();
        foreach (var word in raw.Split(',', StringSplitOptions.TrimEntries))
        {
            scopes.Add(Scopes.TryGetValue(word, out var scope)
                ? scope
                : throw new UsageException($"option '--scope': expected recognition and/or certificate-free, got '{word}'"));
        }

        return scopes.ToImmutable();
    }
}
