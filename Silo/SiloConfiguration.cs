using System.Data.Common;
using Npgsql;
using Microsoft.AspNetCore.Connections;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Dashboard;
using Orleans.Storage;
using OrleansHall.Grains;
using OrleansHall.Grains.Faults;
using OrleansHall.Grains.Security;
using OrleansHall.Security;

namespace OrleansHall.Silo;

/// <summary>How every OrleansHall silo is put together: PostgreSQL for membership, grain state and reminders.</summary>
public static class SiloConfiguration
{
    /// <summary>The ADO.NET invariant the Orleans providers resolve Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    public static void Configure(ISiloBuilder silo, SiloSettings settings)
    {
        settings.Validate();

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });
        silo.Configure<SiloOptions>(options =>
            options.SiloName = settings.SiloName ?? $"{Environment.MachineName}-{settings.SiloPort}");
        silo.ConfigureEndpoints(settings.AdvertisedIP, settings.SiloPort, settings.GatewayPort);

        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = settings.ConnectionString;
        });

        AddStorageAndGrains(silo, settings.ConnectionString, settings.BiometricKeyFile);

        if (settings.Tls is { } tls)
        {
            UseClusterTls(silo, tls);
        }

        if (settings.Dashboard)
        {
            silo.AddDashboard();
        }
    }

    /// <summary>
    /// Mutual TLS on both of the silo's ports: a gateway accepts any party with a valid cluster certificate (silo,
    /// console, admin, device), the silo-to-silo port and the silo's own outbound connections only silos. A refused
    /// certificate ends the handshake; the reason is logged by <see cref="ClusterTls.Validator"/>. Every grain call is
    /// then authorised by who made it (<see cref="CallAuthorizationFilter"/>).
    /// </summary>
    private static void UseClusterTls(ISiloBuilder silo, ClusterTlsFiles files)
    {
        var certificate = files.LoadCertificate();
        var trust = files.Trust(TimeProvider.System);

        // Calls are authorised by the caller's signed token; this silo's own calls carry its token.
        silo.Services.AddSingleton(new CallerTokenVerifier(trust, TimeProvider.System));
        silo.AddIncomingGrainCallFilter<CallAuthorizationFilter>();
        silo.AddOutgoingGrainCallFilter(new CallerTokenFilter(new CallerTokenIssuer(certificate, TimeProvider.System)));
        silo.Configure<SiloConnectionOptions>(connections =>
        {
            TlsOptions For(IConnectionBuilder builder, string peer, params ClusterRole[] roles) => new()
            {
                LocalCertificate = certificate,
                RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
                ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
                RemoteCertificateValidation = ClusterTls.Validator(
                    trust, builder.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClusterTls).FullName!), peer, roles),
            };

            connections.ConfigureGatewayInboundConnection(builder => builder.UseServerTls(For(builder, "client")));
            connections.ConfigureSiloInboundConnection(builder => builder.UseServerTls(For(builder, "silo", ClusterRole.Silo)));
            connections.ConfigureSiloOutboundConnection(builder => builder.UseClientTls(For(builder, "silo", ClusterRole.Silo)));
        });
    }

    /// <summary>
    /// Grain state, reminders and what the grains need, on PostgreSQL. Shared by real silos and the in-process
    /// test cluster (which brings its own membership), so tests run on the same storage setup as production.
    /// </summary>
    public static void AddStorageAndGrains(ISiloBuilder silo, string connectionString, string? biometricKeyFile = null)
    {
        // Orleans looks the provider factory up by invariant name; registering it avoids reflection fallbacks.
        DbProviderFactories.RegisterFactory(Invariant, NpgsqlFactory.Instance);

        // JSON without .NET type names: state rows stay readable and survive type renames.
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.AddAdoNetGrainStorage(StorageNames.AdoNet, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });

        // Grains use the ADO.NET storage through a wrapper that turns database outages into retryable faults.
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Grains, (services, _) => new FaultTranslatingStorage(
            services.GetRequiredKeyedService<IGrainStorage>(StorageNames.AdoNet), services.GetRequiredService<FaultReporter>()));

        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });

        silo.AddOrleansHallGrains(connectionString, biometricKeyFile: biometricKeyFile);
    }
}
