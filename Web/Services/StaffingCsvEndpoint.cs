using System.Globalization;

namespace OrleansHall.Web.Services;

/// <summary>
/// GET /halls/{hall}/staffing.csv?day=YYYY-MM-DD: the staffing plan's slots as CSV (one row per 15-minute slot),
/// for a spreadsheet. Signed-in users only, and a hall manager only for their own hall.
/// </summary>
public static class StaffingCsvEndpoint
{
    public const string Pattern = "/halls/{hallId}/staffing.csv";

    public static string UrlFor(string hallId, DateOnly day) =>
        $"halls/{Uri.EscapeDataString(hallId)}/staffing.csv?day={day:yyyy-MM-dd}";

    public static IEndpointRouteBuilder MapStaffingCsv(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Pattern, GetAsync);
        return endpoints;
    }

    private static Task<IResult> GetAsync(string hallId, string? day, HttpContext http, AnalyticsService analytics)
        => HallDayCsv.RespondAsync(hallId, day, http, analytics, "staffing", async date =>
            (await analytics.GetStaffingAsync(hallId, date)).Slots.Select(s => new StaffingCsvRow
            {
                Slot = s.Start.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                TicketsPerHour = s.ArrivalsPerHour,
                ErlangC = s.ErlangCounters,
                CountersNeeded = s.Counters,
                Rostered = s.Rostered,
                SimulatedServiceLevel = s.SimulatedServiceLevel,
            }));
}
