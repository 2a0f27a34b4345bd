using MudBlazor;

namespace OrleansHall.Web.Components.Layout;

public static class ConsoleTheme
{
    /// <summary>State-grid green for the utility's halls; fonts that carry CJK glyphs first.</summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#00796b",
            AppbarBackground = "#00695c",
            Secondary = "#f57c00",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Roboto", "Helvetica", "Arial", "sans-serif"],
            },
        },
    };
}
