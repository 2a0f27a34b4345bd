using System.CommandLine;
using System.Net;
using OrleansHall.Clients.Cli;
using OrleansHall.Common;
using OrleansHall.Security;

namespace OrleansHall.Clients.Cluster;

/// <summary>
/// Where the cluster is (a fixed list of gateways, or a PostgreSQL membership table when a connection string is given)
/// and, when it speaks mutual TLS, this client's certificate files. Clients hold no database login unless told to.
/// </summary>
public sealed record ClusterSettings(string? ConnectionString, IReadOnlyList<IPEndPoint> Gateways, ClusterTlsFiles? Tls = null)
{
    public const string ClusterId = "orleanshall";
    public const string ServiceId = "orleanshall";
    public const string DbEnvironmentVariable = "ORLEANSHALL_DB";

    /// <summary>The gateway of <c>./run.sh</c>'s silo: where a client goes when told neither gateways nor a database.</summary>
    public static readonly IPEndPoint DefaultGateway = new(IPAddress.Loopback, 30000);
    public const string CertEnvironmentVariable = "ORLEANSHALL_CLIENT_CERT";
    public const string KeyEnvironmentVariable = "ORLEANSHALL_CLIENT_KEY";
    public const string CaEnvironmentVariable = "ORLEANSHALL_CLIENT_CA";

    /// <summary>Where <c>./run.sh</c> keeps the certificates it issued, under the checkout.</summary>
    public const string CheckoutPki = ".data/pki";

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
        (Gateways.Count > 0 ? $"gateways {string.Join(", ", Gateways)}" : "membership in PostgreSQL") + (Tls is null ? "" : $", TLS as {Tls.Certificate}");

    public static ClusterSettings From(ParseResult args, Func<string, string?> environment)
    {
        var gateways = (args.GetValue(ConnectionOptions.Gateway) ?? []).Select(ParseGateway).ToList();
        var db = args.GetValue(ConnectionOptions.Db) ?? environment(DbEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(db))
        {
            db = null;
            if (gateways.Count == 0)
            {
                gateways.Add(DefaultGateway);
            }
        }

        return new ClusterSettings(db, gateways, TlsFiles(args, environment));
    }

    /// <summary>
    /// The certificate named by --cert or the environment; 'none' turns TLS off. Without either, the administrator
    /// certificate that <c>./run.sh</c> issued in this checkout, if there is one, so the README's commands work as they are.
    /// </summary>
    public static ClusterTlsFiles? TlsFiles(ParseResult args, Func<string, string?> environment)
    {
        var certificate = args.GetValue(ConnectionOptions.Cert) ?? environment(CertEnvironmentVariable);
        if (string.Equals(certificate, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(certificate))
        {
            var pki = Checkout.FindRoot(Directory.GetCurrentDirectory(), AppContext.BaseDirectory) is { } root ? Path.Combine(root, CheckoutPki) : null;
            if (pki is null || !File.Exists(Path.Combine(pki, "admin.crt")))
            {
                return null;
            }

            certificate = Path.Combine(pki, "admin.crt");
        }

        var key = args.GetValue(ConnectionOptions.Key) ?? environment(KeyEnvironmentVariable);
        var authority = args.GetValue(ConnectionOptions.Ca) ?? environment(CaEnvironmentVariable);
        authority = string.IsNullOrWhiteSpace(authority) ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(certificate))!, "ca.crt") : authority;
        return new ClusterTlsFiles(
            certificate,
            string.IsNullOrWhiteSpace(key) ? Path.ChangeExtension(certificate, ".key") : key,
            authority,
            Path.Combine(Path.GetDirectoryName(Path.GetFullPath(authority))!, "revoked.txt"));
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
