using System.Collections.Immutable;
using OrleansHall.Analytics.Demand;
using OrleansHall.Customer;

namespace OrleansHall.Grains.Customer;

/// <summary>
/// Ranks the utility's products and services for one customer from their tags, segment and recent business, each with
/// a one-line reason. Pure and small on purpose: every score comes from a rule a hall manager can read below.
/// </summary>
public static class Recommender
{
    public const int Shown = 3;

    /// <summary>Tags the rules read besides <see cref="CustomerTags"/>: free tags a clerk sets.</summary>
    public const string EnterpriseTag = "enterprise";
    public const string EvOwnerTag = "ev-owner";
    public const string HomeownerTag = "homeowner";

    /// <summary>The top <see cref="Shown"/> for the customer, best first; never empty.</summary>
    public static ImmutableArray<Recommendation> For(CustomerProfile profile, ImmutableArray<Visit> visits)
    {
        var business = visits.IsDefault ? [] : visits.Select(v => v.Reason).ToList();
        int Count(string type) => business.Count(b => b == type);
        var tags = profile.Tags;
        var candidates = new List<Recommendation>();
        void Offer(string key, string title, double score, string reason)
        {
            if (score > 0)
            {
                candidates.Add(new Recommendation(key, title, reason, score));
            }
        }

        var bills = Count(BusinessTypes.BillPayment);
        Offer("auto-pay", "Bank auto-pay for electricity bills", bills >= 2 ? 2 + bills : 0,
            $"Paid a bill at the counter {bills} times in the last {business.Count} visits; auto-pay saves the trip.");
        var paper = bills + Count(BusinessTypes.Invoice);
        Offer("e-bill", "E-bills and invoices in the State Grid app", paper >= 1 ? 1 + paper : 0,
            $"Came for bills or invoices {paper} times; the app sends both as soon as they are issued.");
        var meter = Count(BusinessTypes.MeterIssue);
        Offer("smart-meter", "Smart meter readings in the app", meter >= 1 ? 2 + meter : 0,
            $"Reported a meter problem {meter} times; the app shows daily readings, so a fault shows early.");
        Offer("home-service", "Business done at home by appointment", profile.HasSpecialNeeds ? 6 : 0,
            "Tagged with special needs: most business can be done at home, without the trip.");
        var enterprise = tags.Contains(EnterpriseTag);
        Offer("energy-audit", "Free energy-efficiency check", enterprise ? 5 : profile.IsVip ? 3 : 0,
            enterprise ? "A business account: a check of its load and tariff often finds savings." : "A VIP: offer the free check of their load and tariff.");
        var connections = Count(BusinessTypes.NewConnection);
        Offer("ev-charger", "Home EV charger installation", (tags.Contains(EvOwnerTag) ? 5 : 0) + (connections >= 1 ? 2 : 0),
            tags.Contains(EvOwnerTag) ? "Owns an electric car: a home charger on the valley tariff charges it cheaply." : "Asked for a new connection: a charger point can be added at the same visit.");
        Offer("solar", "Rooftop solar, connected to the grid", (tags.Contains(HomeownerTag) || enterprise ? 3 : 0) + (connections >= 1 ? 1 : 0),
            tags.Contains(HomeownerTag) || enterprise ? "Owns the roof: surplus solar power is bought back." : "A new connection is the moment to plan solar as well.");
        Offer("capacity", "Capacity increase", enterprise && Count(BusinessTypes.AccountChange) >= 1 ? 4 : 0,
            "A business account that changed its account details: check whether its load has outgrown its capacity.");
        Offer("time-of-use", "Time-of-use (peak/valley) tariff", 1,
            "Households that run appliances in the evening pay less on the valley tariff.");

        return [.. candidates.OrderByDescending(c => c.Score).Take(Shown)];
    }
}
