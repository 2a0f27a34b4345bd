using System.Diagnostics;
using OrleansHall.Vision.Faces;

namespace OrleansHall.Vision.Tests;

/// <summary>
/// Locates the repository (the folder holding OrleansHall.sln), makes sure the verified models and media are in
/// &lt;repo&gt;/.cache and loads the models once. deploy/fetch-media.sh runs every time: it downloads only what is
/// missing and checks every file's SHA-256 (a fraction of a second when the cache is complete).
/// </summary>
public sealed class MediaFixture
{
    public MediaFixture()
    {
        RepoRoot = FindRepoRoot();
        CacheDir = Path.Combine(RepoRoot, ".cache");
        RunFetchScript();
        if (!Complete())
        {
            throw new InvalidOperationException($"deploy/fetch-media.sh succeeded but files are missing from {CacheDir}.");
        }

        Models = ModelStore.Load(ModelDir);
        Person = new OrleansHall.Vision.People.PersonModel(Models.Person);
    }

    public string RepoRoot { get; }

    public string CacheDir { get; }

    public string ModelDir => Path.Combine(CacheDir, "models");

    public string MediaDir => Path.Combine(CacheDir, "media");

    public ModelStore Models { get; }

    /// <summary>The person detector, shared by the tests as the silo shares it between cameras.</summary>
    public OrleansHall.Vision.People.PersonModel Person { get; }

    public string Photo(int n) => Path.Combine(MediaDir, $"sample{n}.jpg");

    public string Video => Path.Combine(MediaDir, "vtest.avi");

    private bool Complete() =>
        ModelStore.Expected.Values.All(m => File.Exists(Path.Combine(ModelDir, m.File)))
        && File.Exists(Path.Combine(ModelDir, OrleansHall.Vision.People.PersonModel.FileName))
        && Enumerable.Range(1, 6).All(n => File.Exists(Photo(n)))
        && File.Exists(Video);

    private void RunFetchScript()
    {
        var script = Path.Combine(RepoRoot, "deploy", "fetch-media.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, CacheDir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"Could not start {script}.");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited with {process.ExitCode}: {stderr.Result.Trim()}");
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansHall.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OrleansHall.sln found above {AppContext.BaseDirectory}; expected the tests to run inside the repository.");
    }
}
