namespace OrleansHall.Analytics.Placement;

/// <summary>Visitors of one age band and gender, as the cameras counted them (no one identified).</summary>
public sealed record VisitorGroup(string AgeBand, string Gender, int Visitors);

/// <summary>A product to put on display today and why.</summary>
public sealed record DisplaySuggestion(string Product, string Reason, double Score);

/// <summary>
/// What to display today from the age make-up of recent visitors: each product has the age bands it speaks to, and
/// scores the share of visitors in them. With fewer than <see cref="MinimumVisitors"/> visitors it says so instead.
/// </summary>
public static class DisplayAdvisor
{
    public const int MinimumVisitors = 10;

    private static readonly (string Product, string[] Bands, string Audience)[] Catalogue =
    [
        ("home-service", ["60+"], "visitors aged 60 and over"),
        ("auto-pay", ["45-59", "60+"], "visitors aged 45 and over"),
        ("e-bill", ["18-29", "30-44"], "visitors under 45"),
        ("ev-charger", ["18-29", "30-44"], "visitors under 45"),
        ("solar", ["30-44", "45-59"], "visitors aged 30 to 59"),
        ("time-of-use", ["30-44", "45-59"], "visitors aged 30 to 59"),
    ];

    public static IReadOnlyList<DisplaySuggestion> Suggest(IReadOnlyCollection<VisitorGroup> visitors, int top = 3)
    {
        var total = visitors.Sum(v => v.Visitors);
        if (total < MinimumVisitors)
        {
            return [];
        }

        return [.. Catalogue
            .Select(c =>
            {
                var share = (double)visitors.Where(v => c.Bands.Contains(v.AgeBand)).Sum(v => v.Visitors) / total;
                return new DisplaySuggestion(c.Product, $"{share:P0} of the {total} recent visitors are {c.Audience}.", share);
            })
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score)
            .Take(top)];
    }
}
