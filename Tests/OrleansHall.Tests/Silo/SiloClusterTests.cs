using System.Collections.Immutable;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using OrleansHall.Common;
using OrleansHall.Hall;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Silo;

/// <summary>Silos built exactly as in production, sharing one real PostgreSQL for membership, state and reminders.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloClusterTests(PostgresServer postgres)
{
    [Fact]
    public async Task Hall_state_survives_the_silo_that_hosted_it_being_stopped()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var clusterId = NewClusterId();
        var config = new HallConfig("镇海营业厅", "ningbo", 40, ["C1", "C2"], ["entrance", "waiting"], ["bill-payment"]);

        // Only silo A exists while the hall is opened, so the hall lives on A.
        await using var siloA = await InProcessSilo.StartAsync(connectionString, clusterId);
        await using (var firstClient = await ClusterClient.ConnectAsync(connectionString, clusterId))
        {
            await firstClient.Client.GetGrain<IHallGrain>("zhenhai").ConfigureAsync(config);
        }

        await using var siloB = await InProcessSilo.StartAsync(connectionString, clusterId);
        await Eventually.HoldsAsync(() => Membership.ActiveSilosAsync(connectionString, clusterId), n => n == 2, "two active silos");
        await siloA.StopAsync();
        await Eventually.HoldsAsync(() => Membership.ActiveSilosAsync(connectionString, clusterId), n => n == 1, "silo A to leave");

        await using var secondClient = await ClusterClient.ConnectAsync(connectionString, clusterId);
        var read = await secondClient.Client.GetGrain<IHallGrain>("zhenhai").GetConfigAsync();

        Assert.Equal(config.Name, read.Name);
        Assert.Equal(config.Capacity, read.Capacity);
        Assert.Equal<string>(config.Counters, read.Counters);
    }

    [Fact]
    public async Task Grain_state_is_stored_as_readable_json_without_type_names()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var clusterId = NewClusterId();
        await using var silo = await InProcessSilo.StartAsync(connectionString, clusterId);
        await using var client = await ClusterClient.ConnectAsync(connectionString, clusterId);

        await client.Client.GetGrain<IHallGrain>("beilun").ConfigureAsync(
            new HallConfig("北仑营业厅", "ningbo", 30, ["C1"], ["entrance"], ["bill-payment"]));

        var payloads = await PayloadsAsync(connectionString, clusterId);
        var hall = Assert.Single(payloads, json => json.Contains("\"Config\"", StringComparison.Ordinal));
        using var document = JsonDocument.Parse(hall);
        Assert.Equal("北仑营业厅", document.RootElement.GetProperty("Config").GetProperty("Name").GetString());
        Assert.DoesNotContain("$type", hall, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminder_fires_and_is_read_back_from_postgres_by_a_silo_that_did_not_register_it()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var clusterId = NewClusterId();

        await using (var siloA = await InProcessSilo.StartAsync(connectionString, clusterId))
        await using (var client = await ClusterClient.ConnectAsync(connectionString, clusterId))
        {
            var probe = client.Client.GetGrain<IReminderProbeGrain>("device-42");
            await probe.RegisterAsync(TimeSpan.FromSeconds(1));
            await Eventually.HoldsAsync(probe.TicksAsync, ticks => ticks >= 1, "the reminder to fire");
        }

        Assert.Equal(1L, await RemindersAsync(connectionString, clusterId));

        await using var siloB = await InProcessSilo.StartAsync(connectionString, clusterId);
        await using var secondClient = await ClusterClient.ConnectAsync(connectionString, clusterId);
        var sameProbe = secondClient.Client.GetGrain<IReminderProbeGrain>("device-42");

        Assert.True(await sameProbe.HasReminderAsync());
        Assert.True(await sameProbe.TicksAsync() >= 1);

        await sameProbe.UnregisterAsync();

        Assert.False(await sameProbe.HasReminderAsync());
        Assert.Equal(0L, await RemindersAsync(connectionString, clusterId));
    }

    [Fact]
    public async Task Silo_serves_its_health_to_anyone_and_its_dashboard_only_to_ops_users_of_the_users_file()
    {
        var users = Path.Combine(Directory.CreateTempSubdirectory("orleanshall-users-").FullName, "users.json");
        await AddUserAsync(users, "ops-1", "Ops", "correct-horse-1");
        await AddUserAsync(users, "zhenhai", "HallManager", "manager-pass-1", "zhenhai");
        await AddUserAsync(users, "ops-2", "Ops", "correct-horse-2");
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var silo = await InProcessSilo.StartAsync(connectionString, NewClusterId(), dashboard: true, dashboardUsers: users);
        using var http = new HttpClient { BaseAddress = silo.HttpAddress };
        Task<HttpResponseMessage> DashboardAsync(string? name, string? password) => GetAsync(http, "/dashboard/", name, password);

        var health = await http.GetFromJsonAsync<JsonElement>("/healthz");
        var anonymous = await DashboardAsync(null, null);
        var wrong = await DashboardAsync("ops-1", "not-the-password");
        var manager = await DashboardAsync("zhenhai", "manager-pass-1");
        var ops = await DashboardAsync("ops-1", "correct-horse-1");
        for (var i = 0; i < 5; i++)
        {
            await DashboardAsync("ops-2", $"guess-{i}");
        }

        var locked = await DashboardAsync("ops-2", "correct-horse-2");

        Assert.Equal(("ok", 1), (health.GetProperty("status").GetString(), health.GetProperty("activeSilos").GetInt32()));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, manager.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, ops.StatusCode);
        Assert.Contains("Orleans Dashboard", await ops.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, locked.StatusCode);
    }

    [Fact]
    public async Task Silo_serves_prometheus_metrics_of_the_application_and_orleans_only_to_ops_users()
    {
        var users = Path.Combine(Directory.CreateTempSubdirectory("orleanshall-users-").FullName, "users.json");
        await AddUserAsync(users, "ops-1", "Ops", "correct-horse-1");
        await AddUserAsync(users, "zhenhai", "HallManager", "manager-pass-1", "zhenhai");
        var connectionString = await postgres.CreateDatabaseAsync();
        var clusterId = NewClusterId();
        await using var silo = await InProcessSilo.StartAsync(connectionString, clusterId, dashboardUsers: users);
        await using (var client = await ClusterClient.ConnectAsync(connectionString, clusterId))
        {
            // One event appended through the silo, so the application's meter has something to say.
            await client.Client.GetGrain<IHallGrain>("metrics-hall").ConfigureAsync(new HallConfig("镇海营业厅", "ningbo", 40, ["C1"], ["entrance"], ["bill-payment"]));
            await client.Client.GetDevice("metrics-hall", "ir-1").RegisterAsync(OrleansHall.Device.DeviceKind.InfraredSensor);
            await client.Client.GetDevice("metrics-hall", "ir-1").RecordPassageAsync(new Passage(Guid.NewGuid(), 1, 0, DateTimeOffset.UtcNow));
            await client.Client.GetGrain<OrleansHall.Queue.IQueueGrain>("metrics-hall").IssueTicketAsync(new OrleansHall.Queue.TicketRequest(Guid.NewGuid(), "bill-payment"));
        }

        using var http = new HttpClient { BaseAddress = silo.HttpAddress };
        Task<HttpResponseMessage> MetricsAsync(string? name, string? password) => GetAsync(http, "/metrics", name, password);

        var anonymous = await MetricsAsync(null, null);
        var manager = await MetricsAsync("zhenhai", "manager-pass-1");
        var ops = await MetricsAsync("ops-1", "correct-horse-1");
        var text = await ops.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, manager.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, ops.StatusCode);
        Assert.Contains("orleanshall_events_appended", text, StringComparison.Ordinal);
        Assert.Contains("orleanshall_events_batch_size", text, StringComparison.Ordinal);
        Assert.Contains("kind=\"ticket-issued\"", text, StringComparison.Ordinal);
        Assert.Contains("\norleans_", "\n" + text, StringComparison.Ordinal);
        Assert.DoesNotContain("镇海", text, StringComparison.Ordinal);
        Assert.DoesNotContain("metrics-hall", text, StringComparison.Ordinal);
    }

    /// <summary>GET <paramref name="path"/> as <paramref name="name"/> (HTTP Basic, as the dashboard asks), or anonymously when null.</summary>
    internal static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string? name, string? password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (name is not null)
        {
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{name}:{password}")));
        }

        return await http.SendAsync(request);
    }

    /// <summary>As run.sh does: hallctl users add, the password on stdin.</summary>
    internal static async Task AddUserAsync(string file, string name, string role, string password, string? hall = null)
    {
        var error = new StringWriter();
        var exit = await new OrleansHall.Clients.Cli.HallCtl(OrleansHall.Clients.Verbs.VerbCatalog.All(), (_, _, _) => throw new InvalidOperationException("no cluster"),
                new StringReader(password + "\n"), new StringWriter(), error)
            .RunAsync(["users", "add", "--file", file, "--name", name, "--role", role, .. hall is null ? Array.Empty<string>() : ["--hall", hall]], CancellationToken.None);
        Assert.True(exit == 0, error.ToString());
    }

    private static string NewClusterId() => $"test-{Guid.NewGuid():N}"[..17];

    private static Task<long> RemindersAsync(string connectionString, string clusterId) =>
        ScalarAsync(connectionString, "SELECT count(*) FROM orleans_reminder WHERE service_id = @id", clusterId);

    private static async Task<long> ScalarAsync(string connectionString, string sql, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", clusterId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<ImmutableArray<string>> PayloadsAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE service_id = @id AND payload IS NOT NULL", connection);
        command.Parameters.AddWithValue("id", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var payloads = ImmutableArray.CreateBuilder<string>();
        while (await reader.ReadAsync())
        {
            payloads.Add(reader.GetString(0));
        }

        return payloads.ToImmutable();
    }
}
