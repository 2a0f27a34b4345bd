using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;

namespace OrleansHall.Web.Components.Analytics;

/// <summary>An SVG &lt;text&gt; axis label as markup (Razor reads a literal &lt;text&gt; element as its own text tag).</summary>
public static class SvgLabel
{
    public static MarkupString Text(double x, double y, string label, string anchor)
        => new(string.Create(CultureInfo.InvariantCulture,
            $"<text class=\"axis-label\" x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\">{WebUtility.HtmlEncode(label)}</text>"));
}
