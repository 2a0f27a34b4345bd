using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansHall.Clients.Cluster;
using OrleansHall.Hall;
using OrleansHall.Security;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Silo;

/// <summary>
/// Mutual TLS with certificates made by the real <c>deploy/pki.sh</c>: a silo built as in production, and clients that
/// show a trusted, a foreign, an expired, a revoked or no certificate. The untrusted ones are shown by a client that
/// skips its own checks (as an intruder's would), so what is asserted is the gateway's refusal at the handshake.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTlsTests(PostgresServer postgres)
{
    [Fact]
    public async Task Only_a_valid_unrevoked_certificate_of_the_cluster_s_CA_gets_through_the_gateway()
    {
        var pki = await PkiAsync("silo-1", ("admin", "admin", null, null), ("device", "kiosk-1", "tls-hall", "Kiosk"), ("device", "sensor-1", "tls-hall", "EntranceSensor"));
        var foreign = await PkiAsync(null, ("admin", "intruder", null, null));
        var expired = Expired(pki, "late-admin");
        var logs = new CapturedLogs();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var silo = await InProcessSilo.StartAsync(connectionString, ClusterSettings.ClusterId, tls: Files(pki, "silo-1"), logs: logs);
        var gateway = new IPEndPoint(IPAddress.Loopback, silo.Settings.GatewayPort);

        // The production client path (what hallctl and the console do) with the administrator's certificate.
        await using (var admin = await ClusterConnection.ConnectAsync(new ClusterSettings("", [gateway], Files(pki, "admin")), TimeSpan.FromSeconds(30), _ => { }, CancellationToken.None))
        {
            await admin.Grains.GetGrain<IHallGrain>("tls-hall").ConfigureAsync(new HallConfig("加密厅", "tls-region", 20, ["C1"], ["entrance"], ["bill-payment"]));
            Assert.Equal("加密厅", (await admin.Grains.GetGrain<IHallGrain>("tls-hall").GetConfigAsync()).Name);
        }

        Assert.True(await ConnectsAsync(gateway, Certificate(pki, "tls-hall.kiosk-1")), "a device certificate of the cluster should connect");
        Assert.False(await ConnectsAsync(gateway, Certificate(foreign, "intruder")), "a certificate of another CA got through");
        Assert.False(await ConnectsAsync(gateway, expired), "an expired certificate got through");
        Assert.False(await ConnectsAsync(gateway, certificate: null), "a client without TLS got through");

        // Revoked while the silo runs: the next handshake is refused, no restart needed.
        Assert.True(await ConnectsAsync(gateway, Certificate(pki, "tls-hall.sensor-1")), "the sensor should connect before it is revoked");
        await ChildProcess.RunAsync(Path.Combine(Repository.Root, "deploy", "pki.sh"), ["revoke", pki, Path.Combine(pki, "tls-hall.sensor-1.crt")], TimeSpan.FromSeconds(30));
        Assert.False(await ConnectsAsync(gateway, Certificate(pki, "tls-hall.sensor-1")), "a revoked certificate got through");

        var refusals = logs.Lines.Where(l => l.Contains("TLS: refused", StringComparison.Ordinal)).ToList();
        Assert.Contains(refusals, l => l.Contains("CN=intruder", StringComparison.Ordinal) && l.Contains("not signed by the cluster's CA", StringComparison.Ordinal));
        Assert.Contains(refusals, l => l.Contains("CN=late-admin", StringComparison.Ordinal) && l.Contains("expired", StringComparison.Ordinal));
        Assert.Contains(refusals, l => l.Contains("CN=sensor-1", StringComparison.Ordinal) && l.Contains("revoked", StringComparison.Ordinal));
        Assert.DoesNotContain(refusals, l => l.Contains("CN=kiosk-1", StringComparison.Ordinal) || l.Contains("CN=admin,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_checks_its_own_certificate_first_and_says_in_words_why_the_cluster_would_refuse_it()
    {
        var pki = await PkiAsync(null, ("admin", "admin", null, null));
        var expired = Expired(pki, "old-admin");
        var expiredFile = Path.Combine(pki, "old-admin.crt");
        var keyFile = Path.Combine(pki, "old-admin.key");
        await File.WriteAllTextAsync(expiredFile, expired.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, expired.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        await ChildProcess.RunAsync(Path.Combine(Repository.Root, "deploy", "pki.sh"), ["revoke", pki, Path.Combine(pki, "admin.crt")], TimeSpan.FromSeconds(30));
        var gateway = new IPEndPoint(IPAddress.Loopback, FreePorts.Take(1)[0]);

        Task Connect(ClusterTlsFiles files) => ClusterConnection.ConnectAsync(new ClusterSettings("", [gateway], files), TimeSpan.FromSeconds(5), _ => { }, CancellationToken.None);

        var old = await Assert.ThrowsAsync<ClientCertificateException>(() => Connect(Files(pki, "old-admin")));
        var revoked = await Assert.ThrowsAsync<ClientCertificateException>(() => Connect(Files(pki, "admin")));
        var missing = await Assert.ThrowsAsync<ClientCertificateException>(() => Connect(Files(pki, "nobody")));

        Assert.Contains("expired on", old.Message);
        Assert.Contains("is revoked", revoked.Message);
        Assert.Contains("does not exist", missing.Message);
    }

    [Fact]
    public void A_certificate_s_subject_must_name_a_role_and_a_device_its_hall_and_kind()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ClusterIdentity? Read(string subject)
        {
            using var certificate = new CertificateRequest(subject, key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
            return ClusterIdentity.Of(certificate).Identity;
        }

        Assert.Equal(new ClusterIdentity(ClusterRole.Device, "kiosk-1", "zhenhai", "Kiosk"), Read("CN=kiosk-1, T=Kiosk, L=zhenhai, OU=device, O=OrleansHall"));
        Assert.Equal(new ClusterIdentity(ClusterRole.Silo, "silo-1"), Read("CN=silo-1, OU=silo, O=OrleansHall"));
        Assert.Null(Read("CN=kiosk-1, OU=device, O=OrleansHall"));
        Assert.Null(Read("CN=someone, OU=janitor, O=OrleansHall"));
        Assert.Null(Read("CN=someone, O=OrleansHall"));
    }

    /// <summary>A CA made by deploy/pki.sh, with a silo certificate when <paramref name="silo"/> is given and the other certificates asked for.</summary>
    private static async Task<string> PkiAsync(string? silo, params (string Role, string Name, string? Hall, string? Kind)[] certificates)
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

    private static ClusterTlsFiles Files(string pki, string name)
        => new(Path.Combine(pki, $"{name}.crt"), Path.Combine(pki, $"{name}.key"), Path.Combine(pki, "ca.crt"), Path.Combine(pki, "revoked.txt"));

    private static X509Certificate2 Certificate(string pki, string name) => Files(pki, name).LoadCertificate();

    /// <summary>An administrator certificate signed by the cluster's CA that ran out yesterday.</summary>
    private static X509Certificate2 Expired(string pki, string name)
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

    /// <summary>
    /// Whether an Orleans client showing <paramref name="certificate"/> (or, when null, speaking plain TCP) gets a
    /// working connection. It accepts any gateway and does not check itself: only the silo's judgement counts.
    /// </summary>
    private static async Task<bool> ConnectsAsync(IPEndPoint gateway, X509Certificate2? certificate)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IClientConnectionRetryFilter, NoRetry>();
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(gateway);
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterSettings.ClusterId, ClusterSettings.ServiceId));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
            if (certificate is not null)
            {
                client.UseTls(certificate, options => options.AllowAnyRemoteCertificate());
            }
        });
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
            // Connected at the transport; a grain call proves the gateway really serves this client.
            await host.Services.GetRequiredService<IClusterClient>().GetGrain<IHallGrain>("tls-hall").GetConfigAsync();
            return true;
        }
        catch (Exception error) when (error is not Xunit.Sdk.XunitException)
        {
            return false;
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await host.StopAsync(stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private sealed class NoRetry : IClientConnectionRetryFilter
    {
        public Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken) => Task.FromResult(false);
    }

    /// <summary>Every log line the silo writes at warning or above.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => lines.Enqueue(formatter(state, exception));
        }
    }
}
