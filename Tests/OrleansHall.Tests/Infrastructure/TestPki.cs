using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansHall.Security;

namespace OrleansHall.Tests.Infrastructure;

/// <summary>Certificates for tests of the cluster's mutual TLS, made by the real <c>deploy/pki.sh</c>.</summary>
internal static class TestPki
{
    /// <summary>A CA made by deploy/pki.sh, with a silo certificate when <paramref name="silo"/> is given and the other certificates asked for.</summary>
    public static async Task<string> CreateAsync(string? silo, params (string Role, string Name, string? Hall, string? Kind)[] certificates)
    {
        var directory = Directory.CreateTempSubdirectory("orleanshall-pki-").FullName;
        var script = Path.Combine(Repository.Root, "deploy", "pki.sh");
        await ChildProcess.RunAsync(script, ["init", directory], TimeSpan.FromSeconds(30));
        foreach (var (role, name, hall, kind) in certificates.Concat(silo is null ? [] : [("silo", silo, null, null)]))
        {
            await ChildProcess.RunAsync(script, ["issue", directory, role, name, .. hall is null ? Array.Empty<string>() : [hall, kind!]], TimeSpan.FromSeconds(30));
        }

        return directory;
    }

    public static ClusterTlsFiles Files(string pki, string name)
        => new(Path.Combine(pki, $"{name}.crt"), Path.Combine(pki, $"{name}.key"), Path.Combine(pki, "ca.crt"), Path.Combine(pki, "revoked.txt"));

    public static X509Certificate2 Certificate(string pki, string name) => Files(pki, name).LoadCertificate();

    /// <summary>An administrator certificate signed by the cluster's CA that ran out yesterday.</summary>
    public static X509Certificate2 Expired(string pki, string name)
    {
        using var authorityKey = ECDsa.Create();
        authorityKey.ImportFromPem(File.ReadAllText(Path.Combine(pki, "ca.key")));
        using var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(pki, "ca.crt"));
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, OU=admin, O=OrleansHall", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        var now = DateTimeOffset.UtcNow;
        using var signed = request.Create(authority.SubjectName, X509SignatureGenerator.CreateForECDsa(authorityKey), now.AddDays(-30), now.AddDays(-1), RandomNumberGenerator.GetBytes(16));
        return signed.CopyWithPrivateKey(key);
    }
}
