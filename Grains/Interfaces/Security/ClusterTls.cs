using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace OrleansHall.Security;

/// <summary>
/// The files of one party to the cluster's mutual TLS: its certificate and private key (PEM), the cluster's CA
/// certificate, and the revocation list (optional). Made by <c>deploy/pki.sh</c>.
/// </summary>
public sealed record ClusterTlsFiles(string Certificate, string Key, string Authority, string? RevocationList)
{
    /// <summary>The certificate with its private key; throws <see cref="ArgumentException"/> naming the file at fault.</summary>
    public X509Certificate2 LoadCertificate()
    {
        foreach (var (file, what) in new[] { (Certificate, "certificate"), (Key, "private key"), (Authority, "CA certificate") })
        {
            if (!File.Exists(file))
            {
                throw new ArgumentException($"The TLS {what} '{file}' does not exist (deploy/pki.sh issues it).");
            }
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(Certificate, Key);
        }
        catch (System.Security.Cryptography.CryptographicException error)
        {
            throw new ArgumentException($"The TLS certificate '{Certificate}' with key '{Key}' cannot be read: {error.Message}");
        }
    }

    public ClusterTrust Trust(TimeProvider clock) => ClusterTrust.Load(Authority, RevocationList, clock);
}

/// <summary>How every party sets up the cluster's mutual TLS: each side shows its certificate and checks the other's.</summary>
public static class ClusterTls
{
    /// <summary>
    /// A client (console, hallctl, device) of the cluster: shows its certificate and accepts only a gateway whose
    /// certificate the cluster's CA signed for a silo. Checks its own certificate first, so an expired, revoked or
    /// foreign one is reported here in words rather than as a gateway that will not answer.
    /// </summary>
    /// <exception cref="ArgumentException">A file is missing or unreadable, or the cluster would refuse the certificate.</exception>
    public static void UseClusterTls(this IClientBuilder client, ClusterTlsFiles files, TimeProvider clock)
    {
        var certificate = files.LoadCertificate();
        var trust = files.Trust(clock);
        if (trust.Check(certificate) is (null, var problem))
        {
            throw new ArgumentException($"the cluster will refuse this client's {problem} ({files.Certificate})");
        }

        // Every call also carries a token signed with this certificate: the silos authorise calls by it.
        client.AddOutgoingGrainCallFilter(new CallerTokenFilter(new CallerTokenIssuer(certificate, clock)));
        client.Configure<ClientConnectionOptions>(connections => connections.ConfigureConnection(builder => builder.UseClientTls(new TlsOptions
        {
            LocalCertificate = certificate,
            ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
            RemoteCertificateValidation = Validator(
                trust, builder.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClusterTls).FullName!), "gateway", ClusterRole.Silo),
        })));
    }

    /// <summary>
    /// A certificate check for one side of a handshake: the cluster's CA, valid now, not revoked, and one of
    /// <paramref name="roles"/> (any role when none is given). A refusal is logged with its reason.
    /// </summary>
    public static RemoteCertificateValidator Validator(ClusterTrust trust, ILogger logger, string peer, params ClusterRole[] roles)
        => (certificate, _, _) =>
        {
            // The machine's trust store judged the chain (the policy errors passed in); only the cluster's CA counts here.
            var (identity, problem) = trust.Check(certificate);
            if (identity is not null && roles.Length > 0 && !roles.Contains(identity.Role))
            {
                problem = $"certificate '{certificate.Subject}' is a {identity.Role.ToString().ToLowerInvariant()}'s, not a {string.Join(" or ", roles.Select(r => r.ToString().ToLowerInvariant()))}'s";
            }

            if (problem is not null)
            {
                logger.LogWarning("TLS: refused the {Peer}'s {Problem}", peer, problem);
                return false;
            }

            return true;
        };
}
