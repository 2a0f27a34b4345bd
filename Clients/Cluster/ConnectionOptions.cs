using System.CommandLine;
using OrleansHall.Clients.Cli;

namespace OrleansHall.Clients.Cluster;

/// <summary>Where the cluster is and how long to wait for it: the options of every verb that connects.</summary>
public static class ConnectionOptions
{
    public static readonly Option<string> Db = HallCtlOption.Value("--db", "CONNSTR",
        $"PostgreSQL connection string for cluster membership (default: ${ClusterSettings.DbEnvironmentVariable} or {ClusterSettings.DefaultConnectionString}).");

    public static readonly Option<string[]> Gateway = HallCtlOption.Repeatable("--gateway", "HOST:PORT",
        "Connect to this gateway instead of reading membership from PostgreSQL; repeatable.");

    public static readonly Option<double?> ConnectTimeout = HallCtlOption.DoubleOrNone("--connect-timeout", "S",
        "Seconds to wait for the cluster at start; 0 waits forever (default: 30 for one-shot commands, forever for agents).", 0, 7 * 24 * 3600);

    public static IReadOnlyList<Option> All { get; } = [Db, Gateway, ConnectTimeout];
}
