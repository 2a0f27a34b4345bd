using System.Collections.Immutable;
using System.Globalization;
using OrleansHall.Customer;

namespace OrleansHall.Grains.Customer;

/// <summary>
/// Suggests tags of the library from what the customer did over the last <see cref="WindowDays"/> days: came often,
/// waited long, served themselves at kiosks. A suggestion is only a suggestion: staff accept it (the tag is set) or
/// leave it, and a tag already held is never suggested. Pure, so every rule reads off below.
/// </summary>
public static class TagAdvisor
{
    public const int WindowDays = 90;

    /// <summary>Days with a visit (ticket, kiosk or recognition) that make a frequent visitor.</summary>
    public const int FrequentVisitDays = 4;

    /// <summary>A wait this long or longer, from ticket to call, is a long wait.</summary>
    public static readonly TimeSpan LongWait = TimeSpan.FromMinutes(20);

    /// <summary>Long waits that suggest the tag, when they are also at least half of the waits measured.</summary>
    public const int LongWaitsNeeded = 2;

    public const int KioskUsesNeeded = 3;

    public static ImmutableArray<TagSuggestion> Suggest(CustomerProfile profile, ImmutableArray<Visit> visits, DateTimeOffset now)
    {
        var recent = (visits.IsDefault ? [] : visits).Where(v => v.At > now.AddDays(-WindowDays) && v.At <= now.AddMinutes(5)).ToList();
        var suggestions = new List<TagSuggestion>();
        void Offer(string tag, bool earned, int evidence, string reason, params double[] args)
        {
            if (earned && !profile.Tags.Contains(tag))
            {
                suggestions.Add(new TagSuggestion(tag, reason, evidence) { ReasonArgs = [.. args.Select(a => a.ToString("0", CultureInfo.InvariantCulture))] });
            }
        }

        // Days, not visits: a ticket and a recognition on the same trip are one day in the hall.
        var days = recent.Select(v => v.At.UtcDateTime.Date).Distinct().Count();
        Offer(CustomerTags.FrequentVisitor, days >= FrequentVisitDays, days,
            $"Came to a hall on {days} days in the last {WindowDays}.", days, WindowDays);

        var waits = recent.Where(v => v.Wait is not null).Select(v => v.Wait!.Value).ToList();
        var longWaits = waits.Count(w => w >= LongWait);
        var longest = waits.Count == 0 ? 0 : waits.Max().TotalMinutes;
        Offer(CustomerTags.LongWaits, longWaits >= LongWaitsNeeded && 2 * longWaits >= waits.Count, longWaits,
            $"Waited {LongWait.TotalMinutes:0} minutes or more for {longWaits} of {waits.Count} tickets in the last {WindowDays} days (longest {longest:0} min).",
            LongWait.TotalMinutes, longWaits, waits.Count, WindowDays, longest);

        var kiosk = recent.Count(v => v.Kind == VisitKind.Kiosk);
        Offer(CustomerTags.KioskUser, kiosk >= KioskUsesNeeded, kiosk,
            $"Served themselves at a kiosk {kiosk} times in the last {WindowDays} days.", kiosk, WindowDays);
        return [.. suggestions];
    }
}
