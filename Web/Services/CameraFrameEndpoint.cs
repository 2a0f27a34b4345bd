using OrleansHall.Common;
using OrleansHall.Web.Auth;

namespace OrleansHall.Web.Services;

/// <summary>
/// GET /halls/{hall}/cameras/{camera}/frame.jpg: the camera's latest annotated frame, for the camera page's image.
/// Signed-in users only (the fallback policy) whose role may see cameras (<see cref="ConsoleAccess"/>), in their own hall.
/// </summary>
public static class CameraFrameEndpoint
{
    public const string Pattern = "/halls/{hallId}/cameras/{cameraId}/frame.jpg";

    public static string UrlFor(string hallId, string cameraId, long version) =>
        $"halls/{Uri.EscapeDataString(hallId)}/cameras/{Uri.EscapeDataString(cameraId)}/frame.jpg?v={version}";

    public static IEndpointRouteBuilder MapCameraFrames(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Pattern, GetFrameAsync);
        return endpoints;
    }

    private static async Task<IResult> GetFrameAsync(string hallId, string cameraId, HttpContext http, CameraFeedService cameras)
    {
        // Frames change every second or so; a cached one would show the past.
        http.Response.Headers.CacheControl = "no-store";
        try
        {
            Keys.Validate(hallId, "hall id");
            Keys.Validate(cameraId, "camera id");
        }
        catch (RejectedRequestException ex)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!http.User.CanSeeHall(hallId))
        {
            return Results.Text($"Hall '{hallId}' is not yours; you may see only hall '{http.User.HallOf() ?? "-"}'.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!http.User.May(ConsoleAction.ViewCameras, hallId))
        {
            return Results.Text($"Your role may not see camera frames of hall '{hallId}'.", statusCode: StatusCodes.Status403Forbidden);
        }

        try
        {
            if (await cameras.GetStatusAsync(hallId, cameraId) is null)
            {
                return Results.Text($"Unknown camera '{cameraId}' in hall '{hallId}'.", statusCode: StatusCodes.Status404NotFound);
            }

            var jpeg = await cameras.GetLatestAnnotatedFrameAsync(hallId, cameraId);
            return jpeg is { Length: > 0 }
                ? Results.File(jpeg, "image/jpeg")
                : Results.Text($"Camera '{cameraId}' has no analysed frame yet; one appears once the camera sends frames.", statusCode: StatusCodes.Status404NotFound);
        }
        catch (ClusterUnavailableException ex)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
