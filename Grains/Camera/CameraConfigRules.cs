using OrleansHall.Camera;
using OrleansHall.Common;

namespace OrleansHall.Grains.Camera;

/// <summary>What a camera's configuration must hold before the camera accepts it; each refusal says what was wrong.</summary>
public static class CameraConfigRules
{
    public static void Validate(string cameraId, CameraConfig config)
    {
        Keys.Validate(cameraId, "camera id");
        if (string.IsNullOrWhiteSpace(config.Name))
        {
            throw new RejectedRequestException("A camera needs a name.");
        }

        foreach (var zone in config.Zones.IsDefault ? [] : config.Zones)
        {
            Keys.Validate(zone.Zone, "zone");
            RequireUnitRectangle($"Zone '{zone.Zone}'", zone.X, zone.Y, zone.Width, zone.Height);
        }

        if (config.EntryLine is { } line && new[] { line.Ax, line.Ay, line.Bx, line.By }.Any(v => v is < 0 or > 1 || double.IsNaN(v)))
        {
            throw new RejectedRequestException("The entry line's end points must lie inside the image, in coordinates 0..1.");
        }

        if (config.Floor is { } floor)
        {
            RequireUnitRectangle("The floor placement", floor.X, floor.Y, floor.Width, floor.Height);
        }
    }

    private static void RequireUnitRectangle(string what, double x, double y, double width, double height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > 1 || y + height > 1)
        {
            throw new RejectedRequestException($"{what} must lie inside the image in coordinates 0..1.");
        }
    }
}
