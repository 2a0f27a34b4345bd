using System.Globalization;
using CsvHelper;
using OrleansHall.Common;
using OrleansHall.Web.Auth;

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

    private static async Task<IResult> GetAsync(string hallId, string? day, HttpContext http, AnalyticsService analytics)
    {
        try
        {
            Keys.Validate(hallId, "hall id");
        }
        catch (RejectedRequestException ex)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!http.User.CanSeeHall(hallId))
        {
            return Results.Text($"Hall '{hallId}' is not yours; you may see only hall '{http.User.HallOf() ?? "-"}'.", statusCode: StatusCodes.Status403Forbidden);
        }

        var date = analytics.Today;
        if (day is not null && !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return Results.Text($"day '{day}': expected a date like 2026-12-01.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var (slots, _) = await analytics.GetDayAsync(hallId, date);
            await using var text = new StringWriter(CultureInfo.InvariantCulture);
            await using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
            {
                await csv.WriteRecordsAsync(slots.Select(s => new ReportCsvRow
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
                }));
            }

            return Results.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"report-{hallId}-{date:yyyy-MM-dd}.csv");
        }
        catch (UnknownEntityException ex)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (ClusterUnavailableException ex)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
