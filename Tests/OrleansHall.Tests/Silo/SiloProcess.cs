using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Silo;

/// <summary>The silo as its own process (OrleansHall.Silo.dll), configured only through ORLEANSHALL_ variables.</summary>
internal static class SiloProcess
{
    public static ChildProcess Start(IReadOnlyDictionary<string, string> environment)
        => new("dotnet", [Path.Combine(AppContext.BaseDirectory, "OrleansHall.Silo.dll")], environment, AppContext.BaseDirectory);
}
