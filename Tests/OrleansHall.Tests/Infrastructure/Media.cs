namespace OrleansHall.Tests.Infrastructure;

/// <summary>Real photos and footage fetched by deploy/fetch-media.sh (./test.sh runs it first).</summary>
public static class Media
{
    public static string Photo(string name)
    {
        var path = Path.Combine(PostgresServer.FindRepositoryRoot(), ".cache", "media", name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: run deploy/fetch-media.sh (./test.sh does) to fetch the test media.", path);
    }
}
