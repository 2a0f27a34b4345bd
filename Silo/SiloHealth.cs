using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OrleansHall.Grains.Gallery;
using OrleansHall.Grains.Vision;

namespace OrleansHall.Silo;

/// <summary>
/// The silo's readiness, as ASP.NET Core health checks: PostgreSQL answers, this silo is active in the cluster, the
/// models are loaded in the vision pool, the biometric key seals and opens. <c>/healthz/ready</c> tells anyone only the
/// overall status; <c>/healthz/details</c> tells the Ops users each check, without connection details.
/// </summary>
public static class SiloHealth
{
    public const string ReadyPath = "/healthz/ready";
    public const string DetailsPath = "/healthz/details";

    public static void Add(IServiceCollection services, string connectionString)
        => services.AddHealthChecks()
            .AddCheck("postgresql", new PostgresCheck(connectionString))
            .AddCheck<MembershipCheck>("membership")
            .AddCheck<ModelsCheck>("models")
            .AddCheck<BiometricKeyCheck>("biometric-key");

    public static void Map(WebApplication app, bool details)
    {
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { ResponseWriter = (http, report) => http.Response.WriteAsync(report.Status.ToString()) });
        if (details)
        {
            app.MapHealthChecks(DetailsPath, new HealthCheckOptions { ResponseWriter = WriteDetailsAsync })
                .RequireAuthorization(DashboardSignIn.Policy);
        }
    }

    private static Task WriteDetailsAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                ms = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        });
        return http.Response.WriteAsync(body, Encoding.UTF8);
    }

    /// <summary>One round trip as the application role; a failure names its kind, never the host or the login.</summary>
    private sealed class PostgresCheck(string connectionString) : IHealthCheck
    {
        private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 3, CommandTimeout = 3 }.ConnectionString;

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy($"answered in {clock.ElapsedMilliseconds} ms");
            }
            catch (Exception error) when (error is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                var what = error is PostgresException postgres ? $"refused ({postgres.SqlState})" : "unreachable";
                return HealthCheckResult.Unhealthy($"PostgreSQL {what} after {clock.ElapsedMilliseconds} ms; grain state and events cannot be stored");
            }
        }
    }

    private sealed class MembershipCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var snapshot = membership.CurrentSnapshot;
            var self = snapshot.GetSiloStatus(silo.SiloAddress);
            var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
            return Task.FromResult(self == SiloStatus.Active
                ? HealthCheckResult.Healthy($"active, {active} active silo(s)")
                : HealthCheckResult.Unhealthy($"this silo is {self.ToString().ToLowerInvariant()}"));
        }
    }

    private sealed class ModelsCheck(VisionWorkers vision) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
            => Task.FromResult(HealthCheckResult.Healthy(
                $"face and person models loaded (SHA-256 checked at start), {vision.Busy} of {vision.Slots} vision slots busy"));
    }

    /// <summary>Seals and opens a probe under the current key: the key ring is readable and the key works.</summary>
    private sealed class BiometricKeyCheck(BiometricVault vault) : IHealthCheck
    {
        private static readonly byte[] Probe = "health-probe"u8.ToArray();

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var opened = vault.Open(vault.Seal(Probe, "health"), "health");
                return Task.FromResult(opened.AsSpan().SequenceEqual(Probe)
                    ? HealthCheckResult.Healthy($"key {vault.CurrentKeyId} seals and opens")
                    : HealthCheckResult.Unhealthy("the biometric key opened the probe to something else"));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or InvalidDataException)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"the biometric key ring cannot be used: {error.GetType().Name}"));
            }
        }
    }
}
