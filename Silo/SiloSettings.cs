using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using OrleansHall.Security;

namespace OrleansHall.Silo;

/// <summary>
/// Everything a silo needs to join the cluster. Read from configuration (appsettings.json, environment
/// variables with or without the ORLEANSHALL_ prefix, command line); see <see cref="FromConfiguration"/>.
/// </summary>
public sealed record SiloSettings
{
    /// <summary>The application role of deploy/postgres.sh; its password comes from PGPASSFILE or ~/.pgpass unless the string names a Passfile.</summary>
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=orleanshall_app;Database=orleanshall";

    /// <summary>The application role's connection: rows only, never the schema.</summary>
    public string ConnectionString { get; init; } = DefaultConnectionString;

    /// <summary>
    /// The owner role's connection, used only to apply the schema (ConnectionStrings:Migrations); null: the schema is
    /// applied over <see cref="ConnectionString"/>, which must then be allowed to change it.
    /// </summary>
    public string? MigrationConnectionString { get; init; }

    public string ClusterId { get; init; } = "orleanshall";

    public string ServiceId { get; init; } = "orleanshall";

    /// <summary>Name shown on the dashboard; defaults to host name and silo port.</summary>
    public string? SiloName { get; init; }

    /// <summary>The address other silos and clients reach this silo at (also the one it listens on).</summary>
    public IPAddress AdvertisedIP { get; init; } = IPAddress.Loopback;

    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    /// <summary>Where the silo's HTTP endpoint (dashboard, /healthz) listens.</summary>
    public IPAddress HttpHost { get; init; } = IPAddress.Loopback;

    public int HttpPort { get; init; } = 8080;

    /// <summary>Serve the Orleans dashboard at /dashboard. Turn off on all but one silo of a machine.</summary>
    public bool Dashboard { get; init; } = true;

    /// <summary>
    /// The console's users file (what <c>hallctl users add</c> writes): its <c>Ops</c> users may open the dashboard. Null:
    /// the dashboard is not served at all.
    /// </summary>
    public string? DashboardUsers { get; init; }

    /// <summary>Create or repair the database schema before starting.</summary>
    public bool ApplySchema { get; init; } = true;

    /// <summary>
    /// The biometric key-ring file (Biometric:KeyFile, else ORLEANSHALL_BIOMETRIC_KEY_FILE); it must exist. Null: the
    /// development checkout's .data/biometric.key, made on first use.
    /// </summary>
    public string? BiometricKeyFile { get; init; }

    /// <summary>Mutual TLS for clients and other silos; null: plain TCP (development and tests only).</summary>
    public ClusterTlsFiles? Tls { get; init; }

    /// <summary>
    /// Reads ConnectionStrings:Orleans (or ORLEANSHALL_DB), ConnectionStrings:Migrations, Orleans:ClusterId, Orleans:ServiceId and
    /// Silo:{Name,AdvertisedIP,SiloPort,GatewayPort,HttpHost,HttpPort,Dashboard,DashboardUsers,ApplySchema} and
    /// Tls:{Certificate,Key,Ca,Revoked} (all but Revoked together, or none) and Biometric:KeyFile; missing keys keep
    /// their defaults. Throws <see cref="ArgumentException"/> naming the first bad key.
    /// </summary>
    public static SiloSettings FromConfiguration(IConfiguration configuration)
    {
        var defaults = new SiloSettings();
        var settings = new SiloSettings
        {
            ConnectionString = NonEmpty(configuration, "ConnectionStrings:Orleans")
                ?? NonEmpty(configuration, "ORLEANSHALL_DB")
                ?? NonEmpty(configuration, "DB")
                ?? defaults.ConnectionString,
            MigrationConnectionString = NonEmpty(configuration, "ConnectionStrings:Migrations"),
            ClusterId = NonEmpty(configuration, "Orleans:ClusterId") ?? defaults.ClusterId,
            ServiceId = NonEmpty(configuration, "Orleans:ServiceId") ?? defaults.ServiceId,
            SiloName = NonEmpty(configuration, "Silo:Name"),
            AdvertisedIP = Address(configuration, "Silo:AdvertisedIP") ?? defaults.AdvertisedIP,
            SiloPort = Port(configuration, "Silo:SiloPort") ?? defaults.SiloPort,
            GatewayPort = Port(configuration, "Silo:GatewayPort") ?? defaults.GatewayPort,
            HttpHost = Address(configuration, "Silo:HttpHost") ?? defaults.HttpHost,
            HttpPort = Port(configuration, "Silo:HttpPort") ?? defaults.HttpPort,
            Dashboard = Flag(configuration, "Silo:Dashboard") ?? defaults.Dashboard,
            DashboardUsers = NonEmpty(configuration, "Silo:DashboardUsers"),
            ApplySchema = Flag(configuration, "Silo:ApplySchema") ?? defaults.ApplySchema,
            Tls = TlsFiles(configuration),
            BiometricKeyFile = NonEmpty(configuration, "Biometric:KeyFile"),
        };
        settings.Validate();
        return settings;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when two endpoints collide or an id is blank.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("ConnectionStrings:Orleans is empty; expected e.g. '" + DefaultConnectionString + "'.");
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
        {
            throw new ArgumentException("Orleans:ClusterId and Orleans:ServiceId must not be empty.");
        }

        if (SiloPort == GatewayPort || (HttpPort == SiloPort || HttpPort == GatewayPort) && HttpHost.Equals(AdvertisedIP))
        {
            throw new ArgumentException(
                $"Silo:SiloPort {SiloPort}, Silo:GatewayPort {GatewayPort} and Silo:HttpPort {HttpPort} must be three different ports.");
        }
    }

    private static ClusterTlsFiles? TlsFiles(IConfiguration configuration)
    {
        var (certificate, key, authority) = (NonEmpty(configuration, "Tls:Certificate"), NonEmpty(configuration, "Tls:Key"), NonEmpty(configuration, "Tls:Ca"));
        if (certificate is null && key is null && authority is null)
        {
            return null;
        }

        if (certificate is null || key is null || authority is null)
        {
            throw new ArgumentException("Tls:Certificate, Tls:Key and Tls:Ca go together: give all three (deploy/pki.sh issues them) or none.");
        }

        return new ClusterTlsFiles(certificate, key, authority, NonEmpty(configuration, "Tls:Revoked"));
    }

    private static string? NonEmpty(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static int? Port(IConfiguration configuration, string key)
    {
        var value = NonEmpty(configuration, key);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new ArgumentException($"{key} '{value}' is not a TCP port; expected a number from 1 to 65535.");
    }

    private static IPAddress? Address(IConfiguration configuration, string key)
    {
        var value = NonEmpty(configuration, key);
        if (value is null)
        {
            return null;
        }

        return IPAddress.TryParse(value, out var address)
            ? address
            : throw new ArgumentException($"{key} '{value}' is not an IP address; expected e.g. 127.0.0.1 or 10.0.0.5.");
    }

    private static bool? Flag(IConfiguration configuration, string key)
    {
        var value = NonEmpty(configuration, key);
        if (value is null)
        {
            return null;
        }

        return bool.TryParse(value, out var flag)
            ? flag
            : throw new ArgumentException($"{key} '{value}' is not a boolean; expected true or false.");
    }
}
