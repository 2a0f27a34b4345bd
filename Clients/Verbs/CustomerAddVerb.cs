using System.Collections.Immutable;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Customer;

namespace OrleansHall.Clients.Verbs;

public sealed class CustomerAddVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "customer add",
        "Adds or updates a customer with tags (vip, special-needs, or free text).",
        [
            OptionSpec.Value("--hall", "ID", "Home hall id.", required: true),
            OptionSpec.Value("--customer", "ID", "Customer id (account number).", required: true),
            OptionSpec.Value("--name", "NAME", "Display name.", required: true),
            new OptionSpec("--tag", "TAG", $"A tag; repeatable ({CustomerTags.Vip}, {CustomerTags.SpecialNeeds}, ...).", Repeatable: true),
            .. ClusterSettings.Options,
        ],
        "hallctl customer add --hall zhenhai --customer 3302110001 --name 李明 --tag vip");

    public bool LongRunning => false;

    public void Validate(ParsedArgs args)
    {
        args.RequireId("--hall");
        args.RequireId("--customer");
        Tags(args);
    }

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var customerId = args.RequireId("--customer");
        var tags = Tags(args);
        await context.Grains.GetGrain<ICustomerGrain>(customerId).RegisterAsync(args.Require("--name"), args.RequireId("--hall"), tags);
        context.Output.WriteLine($"customer {customerId} tags [{string.Join(',', tags)}]");
        return ExitCodes.Ok;
    }

    private static ImmutableSortedSet<string> Tags(ParsedArgs args)
    {
        foreach (var tag in args.GetAll("--tag"))
        {
            if (string.IsNullOrWhiteSpace(tag) || tag.Length > 40)
            {
                throw new UsageException($"option '--tag': expected 1-40 characters, got '{tag}'");
            }
        }

        return [.. args.GetAll("--tag").Select(t => t.Trim().ToLowerInvariant())];
    }
}
