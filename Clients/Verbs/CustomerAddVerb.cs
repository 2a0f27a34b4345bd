using System.Collections.Immutable;
using System.CommandLine;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Customer;

namespace OrleansHall.Clients.Verbs;

public sealed class CustomerAddVerb() : Verb(
    "customer add",
    "Adds or updates a customer with tags (vip, special-needs, or free text).",
    "hallctl customer add --hall zhenhai --customer 3302110001 --name 李明 --tag vip",
    [Hall, Customer, Name, Tag],
    ConnectionOptions.All)
{
    private static readonly Option<string> Hall = HallCtlOption.Id("--hall", "Home hall id.", required: true);
    private static readonly Option<string> Customer = HallCtlOption.Id("--customer", "Customer id (account number).", required: true);
    private static readonly Option<string> Name = HallCtlOption.Text("--name", "NAME", "Display name.", required: true, maxLength: 100);
    private static readonly Option<string[]> Tag = HallCtlOption.Repeatable("--tag", "TAG", $"A tag; repeatable ({CustomerTags.Vip}, {CustomerTags.SpecialNeeds}, ...).");

    public override void Validate(ParseResult args) => Tags(args);

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var customerId = args.GetRequiredValue(Customer);
        var tags = Tags(args);
        await context.Grains.GetGrain<ICustomerGrain>(customerId).RegisterAsync(args.GetRequiredValue(Name), args.GetRequiredValue(Hall), tags);
        context.Output.WriteLine($"customer {customerId} tags [{string.Join(',', tags)}]");
        return ExitCodes.Ok;
    }

    private static ImmutableSortedSet<string> Tags(ParseResult args)
    {
        var tags = args.GetValue(Tag) ?? [];
        foreach (var tag in tags)
        {
            if (string.IsNullOrWhiteSpace(tag) || tag.Length > 40)
            {
                throw new UsageException($"option '--tag': expected 1-40 characters, got '{tag}'");
            }
        }

        return [.. tags.Select(t => t.Trim().ToLowerInvariant())];
    }
}
