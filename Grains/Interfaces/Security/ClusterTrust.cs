using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace OrleansHall.Security;

/// <summary>
/// Decides whether a certificate presented at a TLS handshake belongs to the cluster: signed by the cluster's CA (and
/// nothing else: the machine's trusted roots do not count), valid now, not on the revocation list, and naming an
/// OrleansHall identity. The revocation list is a text file of serial numbers in hex, one per line (<c>#</c> starts a
/// comment; <c>deploy/pki.sh revoke</c> appends to it); it is read again whenever it changes, so revoking needs no
/// restart. Thread-safe: handshakes call it concurrently.
/// </summary>
public sealed class ClusterTrust(X509Certificate2 authority, string? revocationList, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private (DateTime WrittenAt, long Length, ImmutableHashSet<string> Serials) _revoked = (default, -1, []);

    public X509Certificate2 Authority { get; } = authority;

    /// <summary>Loads the CA certificate (PEM) and remembers where the revocation list is (it may not exist yet).</summary>
    public static ClusterTrust Load(string authorityFile, string? revocationList, TimeProvider clock)
    {
        if (!File.Exists(authorityFile))
        {
            throw new ArgumentException($"The cluster CA certificate '{authorityFile}' does not exist (deploy/pki.sh init makes one).");
        }

        return new ClusterTrust(X509CertificateLoader.LoadCertificateFromFile(authorityFile), revocationList, clock);
    }

    /// <summary>The certificate's identity when the cluster trusts it, otherwise null and why not, in words.</summary>
    public (ClusterIdentity? Identity, string? Problem) Check(X509Certificate2 certificate)
    {
        var now = clock.GetUtcNow();
        if (now > certificate.NotAfter.ToUniversalTime())
        {
            return (null, $"certificate '{certificate.Subject}' expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC");
        }

        if (now < certificate.NotBefore.ToUniversalTime())
        {
            return (null, $"certificate '{certificate.Subject}' is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC");
        }

        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(Authority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = now.UtcDateTime;
            if (!chain.Build(certificate) || !chain.ChainElements[^1].Certificate.RawData.AsSpan().SequenceEqual(Authority.RawData))
            {
                var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
                return (null, $"certificate '{certificate.Subject}' is not signed by the cluster's CA ({(status.Length > 0 ? status : "another root")})");
            }
        }

        if (RevokedSerials().Contains(SerialKey(certificate.SerialNumber)))
        {
            return (null, $"certificate '{certificate.Subject}' (serial {certificate.SerialNumber}) is revoked");
        }

        return ClusterIdentity.Of(certificate);
    }

    private ImmutableHashSet<string> RevokedSerials()
    {
        if (revocationList is null)
        {
            return [];
        }

        var file = new FileInfo(revocationList);
        var (writtenAt, length) = file.Exists ? (file.LastWriteTimeUtc, file.Length) : (default, -1L);
        lock (_gate)
        {
            if (_revoked.WrittenAt != writtenAt || _revoked.Length != length)
            {
                var serials = file.Exists
                    ? File.ReadAllLines(revocationList)
                        .Select(line => line.Split('#')[0].Trim().Replace(":", "", StringComparison.Ordinal).ToUpperInvariant())
                        .Where(serial => serial.Length > 0 && serial.All(Uri.IsHexDigit))
                        .Select(SerialKey)
                        .ToImmutableHashSet()
                    : [];
                _revoked = (writtenAt, length, serials);
            }

            return _revoked.Serials;
        }
    }

    /// <summary>A serial number as compared: upper-case hex without leading zeros (openssl and .NET pad them differently).</summary>
    public static string SerialKey(string serial) => serial.ToUpperInvariant().TrimStart('0') is { Length: > 0 } trimmed ? trimmed : "0";
}
