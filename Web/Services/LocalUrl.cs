namespace OrleansHall.Web.Services;

public static class LocalUrl
{
    /// <summary>Only same-site paths are followed after sign-in or a language switch; anything else goes home.</summary>
    public static string OrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
