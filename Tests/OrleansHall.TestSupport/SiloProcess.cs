using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansHall.TestSupport;

/// <summary>The silo as an operator starts it: its own process (OrleansHall.Silo.dll), configured by ORLEANSHALL_ variables.</summary>
public static class SiloProcess
{
    public static ChildProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
        => new("dotnet", [Repository.Silo, .. arguments], environment, Path.GetDirectoryName(Repository.Silo), name: "silo");

    /// <summary>
    /// A silo on <paramref name="connectionString"/> with the given silo, gateway and HTTP ports (in that order) and no
    /// dashboard, which does not apply the schema (the application role may not; the test made it as the owner);
    /// <paramref name="settings"/> add to or override those variables.
    /// </summary>
    public static ChildProcess Start(
        string connectionString, int[] ports, string clusterId = "orleanshall", IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ORLEANSHALL_ConnectionStrings__Orleans"] = connectionString,
            ["ORLEANSHALL_Orleans__ClusterId"] = clusterId,
            ["ORLEANSHALL_Orleans__ServiceId"] = clusterId,
            ["ORLEANSHALL_Silo__SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
            ["ORLEANSHALL_Silo__GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
            ["ORLEANSHALL_Silo__HttpPort"] = ports[2].ToString(CultureInfo.InvariantCulture),
            ["ORLEANSHALL_Silo__Dashboard"] = "false",
            ["ORLEANSHALL_Silo__ApplySchema"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return Start(environment);
    }

    /// <summary>Waits for the silo's own /healthz to say "ok"; fails at once with its output if it exits.</summary>
    public static async Task WaitHealthyAsync(ChildProcess silo, int httpPort, int seconds = 90)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        await Eventually.HoldsAsync(async () =>
        {
            if (silo.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"The silo exited with {silo.ExitCode}:\n{silo.Output}");
            }

            try
            {
                return (await http.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("status").GetString();
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }, status => status == "ok", "the silo to report healthy", seconds);
    }
}
