using System.CommandLine;
using OrleansHall.Clients.Cli;

namespace OrleansHall.Clients.Cluster;

/// <summary>Where the cluster is and how long to wait for it: the options of every verb that connects.</summary>
public static class ConnectionOptions
{
    public static readonly Option<string> Db = HallCtlOption.Value("--db", "CONNSTR",
        $"Find the gateways in the PostgreSQL membership table with this connection string (default: ${ClusterSettings.DbEnvironmentVariable}; without either, --gateway).");

    public static readonly Option<string[]> Gateway = HallCtlOption.Repeatable("--gateway", "HOST:PORT",
        $"Connect to this gateway; repeatable (default: {ClusterSettings.DefaultGateway} when no database is named).");

    public static readonly Option<double?> ConnectTimeout = HallCtlOption.DoubleOrNone("--connect-timeout", "S",
        "Seconds to wait for the cluster at start; 0 waits forever (default: 30 for one-shot commands, forever for agents).", 0, 7 * 24 * 3600);

    public static readonly Option<string> Cert = HallCtlOption.Value("--cert", "FILE",
        $"This client's TLS certificate (PEM) from deploy/pki.sh (default: ${ClusterSettings.CertEnvironmentVariable}, else .data/pki/admin.crt of the checkout when ./run.sh made it; 'none' connects without TLS).");

    public static readonly Option<string> Key = HallCtlOption.Value("--key", "FILE",
        $"The certificate's private key (PEM) (default: ${ClusterSettings.KeyEnvironmentVariable}, else the certificate's file name with .key).");

    public static readonly Option<string> Ca = HallCtlOption.Value("--ca", "FILE",
        $"The cluster's CA certificate (default: ${ClusterSettings.CaEnvironmentVariable}, else ca.crt beside the certificate); revoked.txt beside it lists revoked serials.");

    public static IReadOnlyList<Option> All { get; } = [Db, Gateway, ConnectTimeout, Cert, Key, Ca];
}
