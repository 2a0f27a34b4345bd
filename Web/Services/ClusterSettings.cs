namespace OrleansHall.Web.Services;

/// <summary>Where the console finds the Orleans cluster (membership table in PostgreSQL).</summary>
public sealed class ClusterSettings
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=orleanshall";

    public string ConnectionString { get; set; } = DefaultConnectionString;

    public string ClusterId { get; set; } = "orleanshall";

    public string ServiceId { get; set; } = "orleanshall";

    /// <summary>Fixed gateways (OrleansHall:Gateways, "host:port,host:port"): then the console needs no database login.</summary>
    public IReadOnlyList<System.Net.IPEndPoint> Gateways { get; set; } = [];

    /// <summary>The console's certificate for the cluster's mutual TLS (OrleansHall:Tls:{Certificate,Key,Ca,Revoked}); null: plain TCP.</summary>
    public OrleansHall.Security.ClusterTlsFiles? Tls { get; set; }

    /// <summary>How often pages poll hall snapshots besides the pushed ones.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
