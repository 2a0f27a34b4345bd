using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Silo;

/// <summary>The silo executable as an operator starts it: configured by ORLEANSHALL_ environment variables.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloProcessTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_bad_setting_stops_the_silo_with_a_one_line_error_naming_it()
    {
        await using var silo = SiloProcess.Start(new Dictionary<string, string> { ["ORLEANSHALL_Silo__SiloPort"] = "eleven" });

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Equal(
            "orleanshall-silo: Silo:SiloPort 'eleven' is not a TCP port; expected a number from 1 to 65535.",
            silo.Output.Trim());
    }

    [Fact]
    public async Task An_unreachable_database_stops_the_silo_with_a_one_line_error_naming_it()
    {
        var ports = FreePorts.Take(4);
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["ORLEANSHALL_ConnectionStrings__Orleans"] = $"Host=127.0.0.1;Port={ports[0]};Username=postgres;Database=orleanshall;Timeout=3",
            ["ORLEANSHALL_Silo__SiloPort"] = Text(ports[1]),
            ["ORLEANSHALL_Silo__GatewayPort"] = Text(ports[2]),
            ["ORLEANSHALL_Silo__HttpPort"] = Text(ports[3]),
        });

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"orleanshall-silo: Cannot connect to PostgreSQL at '127.0.0.1:{ports[0]}/orleanshall'", silo.Output.Trim());
    }

    [Fact]
    public async Task Migrate_applies_the_schema_as_the_owner_and_exits_and_the_application_role_may_not()
    {
        var database = await postgres.CreateEmptyDatabaseAsync();
        await using var asApp = SiloProcess.Start(new Dictionary<string, string> { ["ORLEANSHALL_ConnectionStrings__Migrations"] = postgres.ConnectionStringFor(database) }, "migrate");
        var appExit = await asApp.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await using var asOwner = SiloProcess.Start(new Dictionary<string, string> { ["ORLEANSHALL_ConnectionStrings__Migrations"] = postgres.OwnerConnectionStringFor(database) }, "migrate");
        var ownerExit = await asOwner.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, appExit);
        Assert.Contains("42501", asApp.Output); // insufficient privilege, in the script's one-line error
        // A silo told to apply the schema over the application role's login says how to do it instead.
        var ports = FreePorts.Take(3);
        await using var starting = SiloProcess.Start(new Dictionary<string, string>
        {
            ["ORLEANSHALL_ConnectionStrings__Orleans"] = postgres.ConnectionStringFor(await postgres.CreateEmptyDatabaseAsync()),
            ["ORLEANSHALL_Silo__SiloPort"] = Text(ports[0]),
            ["ORLEANSHALL_Silo__GatewayPort"] = Text(ports[1]),
            ["ORLEANSHALL_Silo__HttpPort"] = Text(ports[2]),
        });
        Assert.Equal(1, await starting.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("may not change the schema", starting.Output);
        Assert.Contains("migrate", starting.Output);
        Assert.Equal((0, "orleanshall-silo: schema applied"), (ownerExit, asOwner.Output.Trim()));
        await using var connection = new NpgsqlConnection(postgres.ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM OrleansQuery", connection);
        Assert.True((long)(await count.ExecuteScalarAsync())! > 0);
    }

    [Fact]
    public async Task A_crashed_silo_is_declared_dead_by_the_survivor_and_leaves_the_gateway_list()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var clusterId = $"crash-{Guid.NewGuid():N}"[..18];
        var ports = FreePorts.Take(3);
        await using var crashing = SiloProcess.Start(new Dictionary<string, string>
        {
            ["ORLEANSHALL_ConnectionStrings__Orleans"] = connectionString,
            ["ORLEANSHALL_Orleans__ClusterId"] = clusterId,
            ["ORLEANSHALL_Orleans__ServiceId"] = clusterId,
            ["ORLEANSHALL_Silo__SiloPort"] = Text(ports[0]),
            ["ORLEANSHALL_Silo__GatewayPort"] = Text(ports[1]),
            ["ORLEANSHALL_Silo__HttpPort"] = Text(ports[2]),
            ["ORLEANSHALL_Silo__Dashboard"] = "false",
            ["ORLEANSHALL_Silo__ApplySchema"] = "false",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[2]}") };
        await Eventually.HoldsAsync(() => HealthAsync(http, crashing), status => status == "ok", "the silo process to report healthy", seconds: 60);
        await using var survivor = await InProcessSilo.StartAsync(connectionString, clusterId);
        await Eventually.HoldsAsync(() => StatusOfPortAsync(connectionString, clusterId, ports[0]), s => s == 3, "the process silo to be active");

        await crashing.KillAsync();

        // Survivors probe the silent silo, suspect it and vote it dead through UpdateMembershipKey.
        await Eventually.HoldsAsync(() => StatusOfPortAsync(connectionString, clusterId, ports[0]), s => s == 6, "the crashed silo to be declared dead", seconds: 90);
        Assert.Equal(1L, await ActiveGatewaysAsync(connectionString, clusterId));
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task<string> HealthAsync(HttpClient http, ChildProcess silo)
    {
        if (silo.HasExited)
        {
            throw new Xunit.Sdk.XunitException($"The silo process exited with {silo.ExitCode}:\n{silo.Output}");
        }

        try
        {
            var health = await http.GetFromJsonAsync<JsonElement>("/healthz");
            return health.GetProperty("status").GetString() ?? "";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
    }

    private static async Task<int> StatusOfPortAsync(string connectionString, string clusterId, int port)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT status FROM orleans_silo WHERE deployment_id = @id AND port = @port ORDER BY generation DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("id", clusterId);
        command.Parameters.AddWithValue("port", port);
        return await command.ExecuteScalarAsync() is int status ? status : -1;
    }

    private static async Task<long> ActiveGatewaysAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleans_silo WHERE deployment_id = @id AND status = 3 AND proxy_port > 0", connection);
        command.Parameters.AddWithValue("id", clusterId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
