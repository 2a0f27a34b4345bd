using OrleansHall.Analytics.Forecasting;

namespace OrleansHall.Analytics.Staffing;

/// <summary>A kind of shift a hall can roster: its hours from opening (in slots) and an optional lunch break inside it.</summary>
public sealed record ShiftTemplate(string Name, int FirstSlot, int EndSlot, int LunchSlot = -1, int LunchSlots = 0)
{
    public bool Works(int slot) => slot >= FirstSlot && slot < EndSlot && (slot < LunchSlot || slot >= LunchSlot + LunchSlots);

    public double Hours => (EndSlot - FirstSlot - LunchSlots) * Slots.Length.TotalHours;
}

/// <summary>The shifts to roster at the counters, plus the floating guide, and what they cover per slot.</summary>
public sealed record ShiftPlan(IReadOnlyList<ShiftTemplate> CounterShifts, IReadOnlyList<int> Coverage, int FloatingGuides, double GuideHours)
{
    public double StaffHours => CounterShifts.Sum(s => s.Hours) + GuideHours;

    public int People => CounterShifts.Count + FloatingGuides;
}

/// <summary>
/// Covers per-slot counter requirements with shifts: full days with a one-hour lunch at one of four staggered times,
/// mornings and afternoons. Greedy: while a slot is short, add the shift that covers the most missing counter-slots per
/// hour worked. At least one counter clerk is on at every open slot and one floating guide works the whole day (the
/// floor the source design reports: 1 counter clerk + 1 floating guide).
/// </summary>
public static class ShiftPlanner
{
    /// <summary>Shift templates for a day of <paramref name="slots"/> slots from opening (36 for 08:30-17:30).</summary>
    public static IReadOnlyList<ShiftTemplate> Templates(int slots)
    {
        var lunchStarts = new[] { 12, 14, 16, 18 }.Where(l => l + 4 <= slots).ToArray();
        var templates = lunchStarts.Select(l => new ShiftTemplate($"full-day, lunch at slot {l}", 0, slots, l, 4)).ToList();
        if (templates.Count == 0)
        {
            // A day too short for a lunch break.
            templates.Add(new ShiftTemplate("full-day", 0, slots));
        }

        var half = Math.Min(slots, 16);
        templates.Add(new ShiftTemplate("morning", 0, half));
        if (slots > 18)
        {
            templates.Add(new ShiftTemplate("afternoon", 18, slots));
        }

        return templates;
    }

    public static ShiftPlan Plan(IReadOnlyList<int> required, IReadOnlyList<ShiftTemplate>? templates = null)
    {
        var slots = required.Count;
        templates ??= Templates(slots);
        var need = required.Select(r => Math.Max(1, r)).ToArray();
        var coverage = new int[slots];
        var chosen = new List<ShiftTemplate>();
        while (Enumerable.Range(0, slots).Any(s => coverage[s] < need[s]))
        {
            var best = templates
                .Select(t => (Template: t, Covered: Enumerable.Range(0, slots).Count(s => t.Works(s) && coverage[s] < need[s])))
                .Where(x => x.Covered > 0)
                .OrderByDescending(x => x.Covered / x.Template.Hours)
                .ThenByDescending(x => x.Template.Hours)
                .First();
            chosen.Add(best.Template);
            for (var s = 0; s < slots; s++)
            {
                coverage[s] += best.Template.Works(s) ? 1 : 0;
            }
        }

        return new ShiftPlan(chosen, coverage, 1, slots * Slots.Length.TotalHours);
    }
}
