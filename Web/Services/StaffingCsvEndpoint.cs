using System.Globalization;
using CsvHelper;
using OrleansHall.Common;
using OrleansHall.Web.Auth;

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
            var plan = await analytics.GetStaffingAsync(hallId, date);
            await using var text = new StringWriter(CultureInfo.InvariantCulture);
            await using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
            {
                await csv.WriteRecordsAsync(plan.Slots.Select(s => new StaffingCsvRow
                {
                    Slot = s.Start.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    TicketsPerHour = s.ArrivalsPerHour,
                    ErlangC = s.ErlangCounters,
                    CountersNeeded = s.Counters,
                    Rostered = s.Rostered,
                    SimulatedServiceLevel = s.SimulatedServiceLevel,
                }));
            }

            return Results.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"staffing-{hallId}-{date:yyyy-MM-dd}.csv");
        }
        catch (RejectedRequestException ex)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status404NotFound);
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
