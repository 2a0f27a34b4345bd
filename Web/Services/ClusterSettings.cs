namespace OrleansHall.Web.Services;

/// <summary>
/// Where the console finds the Orleans cluster: fixed gateways (the default, 127.0.0.1:30000), or the membership table
/// in PostgreSQL when ConnectionStrings:Orleans is set (then the console holds that login).
/// </summary>
public sealed class ClusterSettings
{
    public static readonly System.Net.IPEndPoint DefaultGateway = new(System.Net.IPAddress.Loopback, 30000);

    public string? ConnectionString { get; set; }

    public string ClusterId { get; set; } = "orleanshall";

    public string ServiceId { get; set; } = "orleanshall";

    /// <summary>Fixed gateways (OrleansHall:Gateways, "host:port,host:port"); the console needs no database login.</summary>
    public IReadOnlyList<System.Net.IPEndPoint> Gateways { get; set; } = [];

    /// <summary>The console's certificate for the cluster's mutual TLS (OrleansHall:Tls:{Certificate,Key,Ca,Revoked}); null: plain TCP.</summary>
    public OrleansHall.Security.ClusterTlsFiles? Tls { get; set; }

    /// <summary>How often pages poll hall snapshots besides the pushed ones.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
