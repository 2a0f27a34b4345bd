using System.Globalization;
using CsvHelper;
using OrleansHall.Common;
using OrleansHall.Web.Auth;

namespace OrleansHall.Web.Services;

/// <summary>
/// What the per-hall, per-day CSV endpoints share: the hall id and day checked (400), the user allowed to see the
/// hall (403), the rows written with CsvHelper, and cluster refusals and outages turned into 404 and 503.
/// </summary>
public static class HallDayCsv
{
    public static async Task<IResult> RespondAsync<T>(
        string hallId, string? day, HttpContext http, AnalyticsService analytics, string name, Func<DateOnly, Task<IEnumerable<T>>> rows)
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
            var records = await rows(date);
            await using var text = new StringWriter(CultureInfo.InvariantCulture);
            await using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
            {
                await csv.WriteRecordsAsync(records);
            }

            return Results.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"{name}-{hallId}-{date:yyyy-MM-dd}.csv");
        }
        catch (Exception ex) when (ex is RejectedRequestException or UnknownEntityException)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (ClusterUnavailableException ex)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
