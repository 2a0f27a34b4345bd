using OrleansHall.Common;
using OrleansHall.Vision.Faces;

namespace OrleansHall.Clients.Vision;

/// <summary>Finds and loads the verified face models: --models DIR, else $ORLEANSHALL_MODELS, else &lt;repo&gt;/.cache/models.</summary>
public static class ModelDirectory
{
    public const string EnvironmentVariable = "ORLEANSHALL_MODELS";

    public static string Resolve(string? option, Func<string, string?> environment, string startDirectory)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Path.GetFullPath(option);
        }

        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }

        if (Checkout.FindRoot(startDirectory) is { } root)
        {
            return Path.Combine(root, ".cache", "models");
        }

        throw new VisionInputException(
            $"no face models found: give --models DIR or set {EnvironmentVariable}, or run deploy/fetch-media.sh inside the repository");
    }

    /// <summary>Loads and checks the six models; a missing directory or file is a one-line error naming deploy/fetch-media.sh.</summary>
    public static ModelStore Load(string? option) =>
        ModelStore.Load(Resolve(option, Environment.GetEnvironmentVariable, AppContext.BaseDirectory));
}
