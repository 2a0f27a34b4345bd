using OrleansHall.Common;

namespace OrleansHall.TestSupport;

/// <summary>The checkout the tests run in, and the programs the solution build put in it, in the tests' own configuration.</summary>
public static class Repository
{
    public static string Root { get; } = Checkout.FindRoot()
        ?? throw new InvalidOperationException($"No {Checkout.SolutionFile} above {AppContext.BaseDirectory}; run the tests from inside the repository.");

    /// <summary>Release or Debug: bin/&lt;configuration&gt;/net10.0/ of the running test assembly.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string Silo => Built("Silo", "OrleansHall.Silo.dll");

    public static string Console => Built("Web", "OrleansHall.Web.dll");

    public static string HallCtl => Built("Clients", "hallctl.dll");

    /// <summary>A real photo or video fetched by deploy/fetch-media.sh (./test.sh runs it first).</summary>
    public static string Media(string name)
    {
        var path = Path.Combine(Root, ".cache", "media", name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: run deploy/fetch-media.sh (./test.sh does) to fetch the test media.", path);
    }

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing; build the solution in {Configuration} first (dotnet build -c {Configuration}).", path);
    }
}
