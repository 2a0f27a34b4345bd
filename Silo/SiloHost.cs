using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using OrleansHall.Grains.Diagnostics;
using OrleansHall.Grains.Faults;
using OrleansHall.Grains.Storage;

namespace OrleansHall.Silo;

/// <summary>
/// The silo process: an ASP.NET Core host whose Kestrel serves the dashboard and /healthz, with the Orleans
/// silo inside it. Tests build it with their own ports through <see cref="BuildAsync"/>.
/// </summary>
public static class SiloHost
{
    public const string DashboardPath = "/dashboard";

    /// <summary>Prometheus' scrape endpoint: the application's meter and Orleans' own, for the Ops users.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Applies the database schema (unless turned off) and builds the host; the caller starts it.</summary>
    public static async Task<WebApplication> BuildAsync(WebApplicationBuilder builder, SiloSettings settings, CancellationToken ct = default)
    {
        settings.Validate();
        if (settings.ApplySchema)
        {
            try
            {
                await DatabaseSchema.ApplyAsync(settings.MigrationConnectionString ?? settings.ConnectionString, ct);
            }
            catch (DatabaseSchemaException refused) when (settings.MigrationConnectionString is null
                && refused.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.InsufficientPrivilege })
            {
                throw new DatabaseSchemaException(
                    $"{refused.Message}. ConnectionStrings:Orleans may not change the schema (the application role): apply it as the owner with " +
                    "'OrleansHall.Silo.dll migrate' and ConnectionStrings:Migrations, or give ConnectionStrings:Migrations here, or set Silo:ApplySchema=false.", refused);
            }
        }

        // Storage failures reach callers as transient faults and FaultReporter logs each outage once; the providers'
        // own error per failed call (with a stack trace) would bury everything else during an outage.
        builder.Logging.AddFilter("Orleans.Storage.AdoNetGrainStorage", LogLevel.Critical);
        builder.Logging.AddFilter(typeof(FaultTranslatingStorage).FullName, LogLevel.Critical);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(settings.HttpHost, settings.HttpPort));
        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, settings));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(Telemetry.MeterName, "Microsoft.Orleans")
            .AddPrometheusExporter());
        SiloHealth.Add(builder.Services, settings.ConnectionString);
        if (settings.DashboardUsers is { } usersFile)
        {
            DashboardSignIn.Add(builder.Services, usersFile, TimeProvider.System);
        }

        var app = builder.Build();
        app.MapGet("/healthz", HealthAsync);
        SiloHealth.Map(app, details: settings.DashboardUsers is not null);
        if (settings.DashboardUsers is null)
        {
            app.Logger.LogWarning(
                "The dashboard and {Metrics} are not served: they need sign-in, and Silo:DashboardUsers names no users file (hallctl users add --role Ops).", MetricsPath);
            return app;
        }

        // Grain state, live logs and metrics: only for the console's Ops users (Prometheus scrapes with basic_auth).
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(DashboardSignIn.Policy);
        if (settings.Dashboard)
        {
            app.MapOrleansDashboard(routePrefix: DashboardPath).RequireAuthorization(DashboardSignIn.Policy);
        }

        return app;
    }

    private static IResult HealthAsync(IClusterMembershipService membership, ILocalSiloDetails silo)
    {
        var snapshot = membership.CurrentSnapshot;
        var active = snapshot.Members.Values.Count(member => member.Status == SiloStatus.Active);
        var self = snapshot.GetSiloStatus(silo.SiloAddress);
        return Results.Json(
            new { status = self == SiloStatus.Active ? "ok" : self.ToString().ToLowerInvariant(), silo = silo.SiloAddress.ToString(), activeSilos = active },
            statusCode: self == SiloStatus.Active ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
