using System.Globalization;
using Microsoft.Extensions.Localization;

namespace OrleansHall.Web.Components.Vision;

/// <summary>Durations the way a hall manager reads them: seconds, then minutes, then hours.</summary>
public static class DwellFormat
{
    public static string Duration(double seconds, IStringLocalizer localizer)
    {
        var culture = CultureInfo.CurrentCulture;
        return seconds switch
        {
            < 90 => localizer["Duration.Seconds", Math.Round(seconds).ToString("0", culture)],
            < 90 * 60 => localizer["Duration.Minutes", (seconds / 60).ToString(seconds < 600 ? "0.#" : "0", culture)],
            _ => localizer["Duration.Hours", (seconds / 3600).ToString("0.#", culture)],
        };
    }

    public static string Minutes(double seconds) => (seconds / 60).ToString("0.0", CultureInfo.CurrentCulture);
}
