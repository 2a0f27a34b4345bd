using System.CommandLine;
using System.Net;
using OrleansHall.Clients.Cli;

namespace OrleansHall.Clients.Cluster;

/// <summary>Where the cluster is: a PostgreSQL membership table, or a fixed list of gateways.</summary>
public sealed record ClusterSettings(string ConnectionString, IReadOnlyList<IPEndPoint> Gateways)
{
    public const string ClusterId = "orleanshall";
    public const string ServiceId = "orleanshall";
    public const string DbEnvironmentVariable = "ORLEANSHALL_DB";
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=orleanshall";

    /// <summary>How long to wait for the cluster at start: the option if given, else <paramref name="fallback"/>; null means forever.</summary>
    public static TimeSpan? ConnectTimeout(ParseResult args, TimeSpan? fallback)
    {
        if (args.GetValue(ConnectionOptions.ConnectTimeout) is not { } seconds)
        {
            return fallback;
        }

        return seconds == 0 ? null : TimeSpan.FromSeconds(seconds);
    }

    public string Describe() =>
        Gateways.Count > 0 ? $"gateways {string.Join(", ", Gateways)}" : "membership in PostgreSQL";

    public static ClusterSettings From(ParseResult args, Func<string, string?> environment)
    {
        var gateways = (args.GetValue(ConnectionOptions.Gateway) ?? []).Select(ParseGateway).ToList();
        var db = args.GetValue(ConnectionOptions.Db) ?? environment(DbEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(db))
        {
            db = DefaultConnectionString;
        }

        return new ClusterSettings(db, gateways);
    }

    public static IPEndPoint ParseGateway(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            throw new UsageException($"option '--gateway': expected HOST:PORT with a port from 1 to 65535, got '{text}'");
        }

        var host = text[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        try
        {
            var resolved = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                ?? Dns.GetHostAddresses(host).First();
            return new IPEndPoint(resolved, port);
        }
        catch (Exception error) when (error is System.Net.Sockets.SocketException or InvalidOperationException or ArgumentException)
        {
            throw new UsageException($"option '--gateway': cannot resolve host '{host}' in '{text}'");
        }
    }
}
