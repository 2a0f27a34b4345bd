namespace OrleansHall.Web.Services;

/// <summary>The console has not reached the Orleans cluster (yet); pages show a banner instead of data.</summary>
public sealed class ClusterUnavailableException(string? reason)
    : Exception($"The Orleans cluster is not reachable yet{(reason is null ? "" : $": {reason}")}; the console keeps retrying.");
