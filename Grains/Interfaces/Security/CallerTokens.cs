using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace OrleansHall.Security;

/// <summary>
/// Who is calling, carried with each grain call: Orleans checks a client's certificate at the TLS handshake but does
/// not hand it to grain calls, so every party also signs a short-lived token with its certificate's private key and
/// sends it in the call's <c>RequestContext</c>. A token is the certificate, the time it was made and a signature over
/// both; a silo accepts it only if the cluster trusts the certificate (<see cref="ClusterTrust"/>), the signature is
/// the certificate's and it is at most <see cref="Lifetime"/> old. Without a valid token a call is refused: an
/// unverified value never grants anything.
/// </summary>
public static class CallerTokens
{
    /// <summary>The <c>RequestContext</c> key a token travels under.</summary>
    public const string ContextKey = "orleanshall.caller";

    /// <summary>How long a token is accepted after it was made.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>How often a party makes a new token (well within <see cref="Lifetime"/>).</summary>
    public static readonly TimeSpan Renewal = TimeSpan.FromMinutes(1);

    /// <summary>Tolerated clock difference between the caller and the silo.</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);

    internal static byte[] SignedBytes(long issuedAt, string thumbprint)
        => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"orleanshall-caller|{issuedAt}|{thumbprint}"));
}

/// <summary>Makes this party's tokens, one per <see cref="CallerTokens.Renewal"/>. Thread-safe.</summary>
public sealed class CallerTokenIssuer(X509Certificate2 certificate, TimeProvider clock)
{
    private readonly string _certificate = Convert.ToBase64String(certificate.RawData);
    private (DateTimeOffset Made, string Token) _current = (DateTimeOffset.MinValue, "");

    public string Current()
    {
        var now = clock.GetUtcNow();
        var current = _current;
        if (now - current.Made < CallerTokens.Renewal && now >= current.Made)
        {
            return current.Token;
        }

        var issuedAt = now.ToUnixTimeSeconds();
        var signed = CallerTokens.SignedBytes(issuedAt, certificate.Thumbprint);
        var signature = certificate.GetECDsaPrivateKey() is { } ec
            ? ec.SignData(signed, HashAlgorithmName.SHA256)
            : certificate.GetRSAPrivateKey() is { } rsa
                ? rsa.SignData(signed, HashAlgorithmName.SHA256, RSASignaturePadding.Pss)
                : throw new ArgumentException($"Certificate '{certificate.Subject}' has no ECDSA or RSA private key to sign calls with.");
        var token = string.Create(CultureInfo.InvariantCulture, $"{_certificate}.{issuedAt}.{Convert.ToBase64String(signature)}");
        _current = (now, token);
        return token;
    }
}

/// <summary>
/// Checks tokens on the silo. A verified token is remembered until it expires, so a party's calls cost one
/// signature check per silo per minute, not one per call. Thread-safe.
/// </summary>
public sealed class CallerTokenVerifier(ClusterTrust trust, TimeProvider clock)
{
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, (ClusterIdentity Identity, DateTimeOffset Expires)> _verified = new(StringComparer.Ordinal);

    /// <summary>The caller's identity, or null and why the token is refused.</summary>
    public (ClusterIdentity? Identity, string? Problem) Verify(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (null, "the call carries no caller token");
        }

        var now = clock.GetUtcNow();
        if (_verified.TryGetValue(token, out var known))
        {
            if (now < known.Expires)
            {
                return (known.Identity, null);
            }

            _verified.TryRemove(token, out _);
        }

        var (identity, problem, issued) = Check(token, now);
        if (identity is not null)
        {
            if (_verified.Count >= MaxRemembered)
            {
                foreach (var stale in _verified.Where(entry => entry.Value.Expires <= now).Select(entry => entry.Key).ToList())
                {
                    _verified.TryRemove(stale, out _);
                }
            }

            _verified[token] = (identity, issued + CallerTokens.Lifetime);
        }

        return (identity, problem);
    }

    private (ClusterIdentity? Identity, string? Problem, DateTimeOffset Issued) Check(string token, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var issuedAt))
        {
            return (null, "the caller token is malformed", default);
        }

        var issued = DateTimeOffset.FromUnixTimeSeconds(Math.Min(issuedAt, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        if (issued > now + CallerTokens.Skew || now - issued > CallerTokens.Lifetime)
        {
            return (null, $"the caller token was made at {issued:yyyy-MM-dd HH:mm:ss} UTC, outside the {CallerTokens.Lifetime.TotalMinutes:F0} minutes a token lasts", default);
        }

        X509Certificate2 certificate;
        byte[] signature;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(parts[0]));
            signature = Convert.FromBase64String(parts[2]);
        }
        catch (Exception error) when (error is FormatException or CryptographicException)
        {
            return (null, "the caller token's certificate or signature cannot be read", default);
        }

        using (certificate)
        {
            var signed = CallerTokens.SignedBytes(issuedAt, certificate.Thumbprint);
            var genuine = certificate.GetECDsaPublicKey() is { } ec
                ? ec.VerifyData(signed, signature, HashAlgorithmName.SHA256)
                : certificate.GetRSAPublicKey() is { } rsa && rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            if (!genuine)
            {
                return (null, $"the caller token of '{certificate.Subject}' is not signed by its certificate's key", default);
            }

            var (identity, problem) = trust.Check(certificate);
            return (identity, problem is null ? null : $"the caller's {problem}", issued);
        }
    }
}
