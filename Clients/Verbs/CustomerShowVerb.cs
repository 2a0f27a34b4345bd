using System.CommandLine;
using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Customer;

namespace OrleansHall.Clients.Verbs;

/// <summary>One customer as staff see them: tags, consents, visits with their waits, the tags behaviour suggests, recommendations.</summary>
public sealed class CustomerShowVerb() : Verb(
    "customer show",
    "Shows a customer: tags, consent scopes, whether a face is enrolled, recent visits (kind, wait), tags suggested by behaviour, recommendations.",
    "hallctl customer show --customer 3302110001",
    [Customer, Visits, Json],
    ConnectionOptions.All)
{
    private static readonly Option<string> Customer = HallCtlOption.Id("--customer", "Customer id (account number).", required: true);
    private static readonly Option<int> Visits = HallCtlOption.Int("--visits", "N", "Visits to list, newest first.", 10, 1, 50);
    private static readonly Option<bool> Json = HallCtlOption.Flag("--json", "Print one line of JSON.");

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var customer = context.Grains.GetGrain<ICustomerGrain>(args.GetRequiredValue(Customer));
        var profile = await customer.GetProfileAsync();
        var consents = await customer.GetConsentsAsync();
        var visits = (await customer.GetVisitsAsync()).Take(args.GetValue(Visits)).ToList();
        var suggestions = await customer.GetTagSuggestionsAsync();
        var recommendations = await customer.GetRecommendationsAsync();
        var enrolled = await customer.IsEnrolledAsync();
        if (args.GetValue(Json))
        {
            context.Output.WriteLine(JsonSerializer.Serialize(new
            {
                profile.CustomerId, profile.Name, profile.HomeHallId, profile.Tags,
                Consents = consents.ToDictionary(c => ConsentScopes.Name(c.Key), c => c.Value),
                FaceEnrolled = enrolled,
                Visits = visits.Select(v => new { v.HallId, v.At, Kind = v.Kind.ToString().ToLowerInvariant(), v.Reason, v.TicketNumber, WaitMinutes = v.Wait?.TotalMinutes }),
                Suggestions = suggestions.Select(s => new { s.Tag, s.Reason }),
                Recommendations = recommendations.Select(r => new { r.Key, r.Title, r.Reason }),
            }, JsonOutput.Options));
            return ExitCodes.Ok;
        }

        var output = context.Output;
        output.WriteLine($"customer {profile.CustomerId} {profile.Name}, home hall {profile.HomeHallId}, tags [{string.Join(',', profile.Tags)}]");
        output.WriteLine($"consent: {(consents.IsEmpty ? "none" : string.Join(", ", consents.Select(c => $"{ConsentScopes.Name(c.Key)} by {c.Value.RecordedBy} {c.Value.GrantedAt.ToLocalTime():yyyy-MM-dd HH:mm}")))}; face enrolled: {(enrolled ? "yes" : "no")}");
        foreach (var v in visits)
        {
            output.WriteLine($"visit {v.At.ToLocalTime():yyyy-MM-dd HH:mm} {v.HallId} {v.Kind.ToString().ToLowerInvariant()} {v.Reason}{(v.TicketNumber is { } t ? $" ticket {t}" : "")}{(v.Wait is { } w ? $" waited {w.TotalMinutes:0} min" : "")}");
        }

        foreach (var s in suggestions)
        {
            output.WriteLine($"suggested tag {s.Tag}: {s.Reason}");
        }

        foreach (var r in recommendations)
        {
            output.WriteLine($"recommend {r.Key}: {r.Title}. {r.Reason}");
        }

        return ExitCodes.Ok;
    }
}
