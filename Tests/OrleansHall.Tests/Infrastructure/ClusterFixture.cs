using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansHall.Grains;
using OrleansHall.Hall;
using OrleansHall.Silo;
using OrleansHall.Tests.Silo;

namespace OrleansHall.Tests.Infrastructure;

/// <summary>
/// One in-process Orleans cluster for the grain tests, with grain state, reminders and the event log on a
/// real throwaway PostgreSQL, and a business clock the tests move by hand.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();

    /// <summary>The fixture's own PostgreSQL server.</summary>
    public PostgresServer Postgres => _postgres;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    public string ConnectionString { get; private set; } = "";

    /// <summary>A fresh key for this run, outside the database, as in production.</summary>
    public string BiometricKeyFile { get; } = Path.Combine(Directory.CreateTempSubdirectory("orleanshall-key-").FullName, "biometric.key");

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        ConnectionString = await _postgres.CreateDatabaseAsync("grains");
        // Named, as in production, so it must exist: made once here, as `hallctl keys new` would.
        OrleansHall.Security.BiometricKeyRing.CreateKeyFile(BiometricKeyFile);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            // The business clock first: the grains' own registration only fills it in when absent.
            silo.Services.AddKeyedSingleton<TimeProvider>(GrainsHostingExtensions.ClockKey, Clock);
            SiloConfiguration.AddStorageAndGrains(silo, ConnectionString, BiometricKeyFile);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    /// <summary>Opens a hall with a fresh id so tests never share one.</summary>
    public async Task<string> OpenHallAsync(string region = "test-region", int capacity = 50, int queueAlertLength = 15)
    {
        var hallId = $"hall-{Guid.NewGuid():N}"[..13];
        await Client.GetGrain<IHallGrain>(hallId).ConfigureAsync(new HallConfig(
            $"Hall {hallId}", region, capacity, ["C1", "C2"], ["entrance", "waiting"], ["bill-payment", "new-connection"],
            QueueAlertLength: queueAlertLength));
        return hallId;
    }

    public async Task<long> CountEventsAsync(Guid eventId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM hall_events WHERE event_id = @id", connection);
        command.Parameters.AddWithValue("id", eventId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Runs one SQL statement on the fixture's database as the schema's owner (to take a table away and give it back), on
    /// a connection of its own: a pooled one may have been cut by a test that restarted the server.
    /// </summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_postgres.OwnerConnectionStringFor("grains") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Makes PostgreSQL refuse every save of that region's gallery, as if the database refused that one write; returns the trigger's name.</summary>
    public async Task<string> RefuseGallerySavesAsync(string region)
    {
        var trigger = $"fail_{region.Replace('-', '_')}";
        await ExecuteAsync($"""
            CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.grain_id_ext = '{region}' AND NEW.grain_type LIKE '%gallery%' THEN RAISE EXCEPTION 'injected: gallery save refused'; END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT OR UPDATE ON orleans_grain_state FOR EACH ROW EXECUTE FUNCTION {trigger}();
            """);
        return trigger;
    }

    public Task AllowGallerySavesAsync(string trigger) => ExecuteAsync($"DROP TRIGGER {trigger} ON orleans_grain_state; DROP FUNCTION {trigger}();");

    public async Task<long> CountEventsAsync(string hallId, string kind)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM hall_events WHERE hall_id = @h AND kind = @k", connection);
        command.Parameters.AddWithValue("h", hallId);
        command.Parameters.AddWithValue("k", kind);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Polls until the condition holds; fails the test with <paramref name="what"/> after the timeout.</summary>
    public static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, int seconds = 20)
        => Eventually.HoldsAsync(read, condition, what, seconds);
}
