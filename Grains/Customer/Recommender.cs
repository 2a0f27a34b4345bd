using System.Collections.Immutable;
using System.Globalization;
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

    /// <summary>The top <see cref="Shown"/> for the customer, best first; never empty.</summary>
    public static ImmutableArray<Recommendation> For(CustomerProfile profile, ImmutableArray<Visit> visits)
    {
        var business = visits.IsDefault ? [] : visits.Where(v => v.Kind != VisitKind.Recognition).Select(v => v.Reason).ToList();
        int Count(string type) => business.Count(b => b == type);
        var tags = profile.Tags;
        var candidates = new List<Recommendation>();
        // The reason key names the sentence for the console ("Why.<key>"), the English text is for handhelds and logs.
        void Offer(string key, string title, double score, string reasonKey, string reason, params int[] args)
        {
            if (score > 0)
            {
                candidates.Add(new Recommendation(key, title, reason, score, reasonKey) { ReasonArgs = [.. args.Select(a => a.ToString(CultureInfo.InvariantCulture))] });
            }
        }

        var bills = Count(BusinessTypes.BillPayment);
        Offer("auto-pay", "Bank auto-pay for electricity bills", bills >= 2 ? 2 + bills : 0, "auto-pay",
            $"Paid a bill {bills} times in the last {business.Count} visits; auto-pay saves the trip.", bills, business.Count);
        var paper = bills + Count(BusinessTypes.Invoice);
        Offer("e-bill", "E-bills and invoices in the State Grid app", paper >= 1 ? 1 + paper : 0, "e-bill",
            $"Came for bills or invoices {paper} times; the app sends both as soon as they are issued.", paper);
        var meter = Count(BusinessTypes.MeterIssue);
        Offer("smart-meter", "Smart meter readings in the app", meter >= 1 ? 2 + meter : 0, "smart-meter",
            $"Reported a meter problem {meter} times; the app shows daily readings, so a fault shows early.", meter);
        Offer("home-service", "Business done at home by appointment", profile.HasSpecialNeeds ? 6 : 0, "home-service",
            "Tagged with special needs: most business can be done at home, without the trip.");
        var enterprise = tags.Contains(CustomerTags.Enterprise);
        Offer("energy-audit", "Free energy-efficiency check", enterprise ? 5 : profile.IsVip ? 3 : 0, enterprise ? "energy-audit.enterprise" : "energy-audit.vip",
            enterprise ? "A business account: a check of its load and tariff often finds savings." : "A VIP: offer the free check of their load and tariff.");
        var connections = Count(BusinessTypes.NewConnection);
        var ev = tags.Contains(CustomerTags.EvOwner);
        Offer("ev-charger", "Home EV charger installation", (ev ? 5 : 0) + (connections >= 1 ? 2 : 0), ev ? "ev-charger.owner" : "ev-charger.connection",
            ev ? "Owns an electric car: a home charger on the valley tariff charges it cheaply." : "Asked for a new connection: a charger point can be added at the same visit.");
        var roof = tags.Contains(CustomerTags.Homeowner) || enterprise;
        Offer("solar", "Rooftop solar, connected to the grid", (roof ? 3 : 0) + (connections >= 1 ? 1 : 0), roof ? "solar.roof" : "solar.connection",
            roof ? "Owns the roof: surplus solar power is bought back." : "A new connection is the moment to plan solar as well.");
        Offer("capacity", "Capacity increase", enterprise && Count(BusinessTypes.AccountChange) >= 1 ? 4 : 0, "capacity",
            "A business account that changed its account details: check whether its load has outgrown its capacity.");
        // Behaviour tags (suggested by TagAdvisor, accepted by staff).
        Offer("appointment", "Book the next visit by appointment", tags.Contains(CustomerTags.LongWaits) ? 5 : 0, "appointment",
            "Often waited long for a ticket: an appointment is served at its time.");
        var kiosk = visits.IsDefault ? 0 : visits.Count(v => v.Kind == VisitKind.Kiosk);
        Offer("app-self-service", "Self-service in the State Grid app", tags.Contains(CustomerTags.KioskUser) ? 3 + Math.Min(kiosk, 3) : 0, "app-self-service",
            $"Served themselves at a kiosk {kiosk} times: the app does the same from home.", kiosk);
        Offer("time-of-use", "Time-of-use (peak/valley) tariff", 1, "time-of-use",
            "Households that run appliances in the evening pay less on the valley tariff.");

        return [.. candidates.OrderByDescending(c => c.Score).Take(Shown)];
    }
}
