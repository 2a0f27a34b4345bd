namespace OrleansHall.Common;

/// <summary>
/// The OrleansHall checkout a program runs from, found by walking up to <see cref="SolutionFile"/>: where a developer's
/// models (.cache/models), media (.cache/media) and keys (.data) are when no setting names them. A build copied
/// elsewhere is in no checkout, and then each of those needs its setting.
/// </summary>
public static class Checkout
{
    public const string SolutionFile = "OrleansHall.sln";

    /// <summary>The first checkout above any of <paramref name="starts"/> (by default the program's own folder); null outside one.</summary>
    public static string? FindRoot(params string[] starts)
    {
        foreach (var start in starts.Length == 0 ? [AppContext.BaseDirectory] : starts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }
}
