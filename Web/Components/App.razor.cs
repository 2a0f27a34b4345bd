using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;

namespace OrleansHall.Web.Components;

public sealed partial class App
{
    // Live pages need no prerender: they would query the cluster twice and subscribe from a throwaway renderer.
    private static readonly IComponentRenderMode LiveMode = new InteractiveServerRenderMode(prerender: false);

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    /// <summary>The login and error pages stay static (they set cookies); everything else is interactive.</summary>
    private IComponentRenderMode? PageRenderMode => HttpContext.AcceptsInteractiveRouting() ? LiveMode : null;
}
