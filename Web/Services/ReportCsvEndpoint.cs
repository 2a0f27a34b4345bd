using System.Globalization;

namespace OrleansHall.Web.Services;

/// <summary>
/// GET /halls/{hall}/report.csv?day=YYYY-MM-DD: a hall's day, one row per 15-minute slot with activity, for a
/// spreadsheet. Signed-in users only, and a hall manager only for their own hall.
/// </summary>
public static class ReportCsvEndpoint
{
    public const string Pattern = "/halls/{hallId}/report.csv";

    public static string UrlFor(string hallId, DateOnly day) => $"halls/{Uri.EscapeDataString(hallId)}/report.csv?day={day:yyyy-MM-dd}";

    public static IEndpointRouteBuilder MapReportCsv(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Pattern, GetAsync);
        return endpoints;
    }

    private static Task<IResult> GetAsync(string hallId, string? day, HttpContext http, AnalyticsService analytics)
        => HallDayCsv.RespondAsync(hallId, day, http, analytics, "report", async date =>
        {
            var (slots, _) = await analytics.GetDayAsync(hallId, date);
            return slots.Select(s => new ReportCsvRow
            {
                Slot = s.Start.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Entries = s.Entries,
                Exits = s.Exits,
                PeakOccupancy = s.PeakOccupancy,
                TicketsIssued = s.Issued,
                Served = s.Served,
                NoShows = s.NoShows,
                MeanWaitMinutes = s.WaitMeanMinutes is { } w ? Math.Round(w, 2) : null,
                WaitP90Minutes = s.Called == 0 ? null : s.WaitP90Minutes,
                ServiceLevel = s.ServiceLevel is { } l ? Math.Round(l, 4) : null,
                MeanHandlingMinutes = s.HandlingMeanMinutes is { } h ? Math.Round(h, 2) : null,
                KioskUses = s.KioskUses,
                IdReaderUses = s.IdReaderUses,
                AlertsRaised = s.AlertsRaised,
            });
        });
}
