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
        var pki = await TestPki.CreateAsync("silo-1", ("admin", "admin", null, null), ("device", "kiosk-1", "tls-hall", "Kiosk"), ("device", "sensor-1", "tls-hall", "EntranceSensor"));
        var foreign = await TestPki.CreateAsync(null, ("admin", "intruder", null, null));
        var expired = TestPki.Expired(pki, "late-admin");
        var logs = new CapturedLogs();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var silo = await InProcessSilo.StartAsync(connectionString, ClusterSettings.ClusterId, tls: TestPki.Files(pki, "silo-1"), logs: logs);
        var gateway = new IPEndPoint(IPAddress.Loopback, silo.Settings.GatewayPort);

        // The production client path (what hallctl and the console do) with the administrator's certificate.
        await using (var admin = await ClusterConnection.ConnectAsync(new ClusterSettings("", [gateway], TestPki.Files(pki, "admin")), TimeSpan.FromSeconds(30), _ => { }, CancellationToken.None))
        {
            await admin.Grains.GetGrain<IHallGrain>("tls-hall").ConfigureAsync(new HallConfig("加密厅", "tls-region", 20, ["C1"], ["entrance"], ["bill-payment"]));
            Assert.Equal("加密厅", (await admin.Grains.GetGrain<IHallGrain>("tls-hall").GetConfigAsync()).Name);
        }

        Assert.True(await ConnectsAsync(gateway, TestPki.Certificate(pki, "tls-hall.kiosk-1")), "a device certificate of the cluster should connect");
        Assert.False(await ConnectsAsync(gateway, TestPki.Certificate(foreign, "intruder")), "a certificate of another CA got through");
        Assert.False(await ConnectsAsync(gateway, expired), "an expired certificate got through");
        Assert.False(await ConnectsAsync(gateway, certificate: null), "a client without TLS got through");

        // Revoked while the silo runs: the next handshake is refused, no restart needed.
        Assert.True(await ConnectsAsync(gateway, TestPki.Certificate(pki, "tls-hall.sensor-1")), "the sensor should connect before it is revoked");
        await ChildProcess.RunAsync(Path.Combine(Repository.Root, "deploy", "pki.sh"), ["revoke", pki, Path.Combine(pki, "tls-hall.sensor-1.crt")], TimeSpan.FromSeconds(30));
        Assert.False(await ConnectsAsync(gateway, TestPki.Certificate(pki, "tls-hall.sensor-1")), "a revoked certificate got through");

        var refusals = logs.Lines.Where(l => l.Contains("TLS: refused", StringComparison.Ordinal)).ToList();
        Assert.Contains(refusals, l => l.Contains("CN=intruder", StringComparison.Ordinal) && l.Contains("not signed by the cluster's CA", StringComparison.Ordinal));
        Assert.Contains(refusals, l => l.Contains("CN=late-admin", StringComparison.Ordinal) && l.Contains("expired", StringComparison.Ordinal));
        Assert.Contains(refusals, l => l.Contains("CN=sensor-1", StringComparison.Ordinal) && l.Contains("revoked", StringComparison.Ordinal));
        Assert.DoesNotContain(refusals, l => l.Contains("CN=kiosk-1", StringComparison.Ordinal) || l.Contains("CN=admin,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_checks_its_own_certificate_first_and_says_in_words_why_the_cluster_would_refuse_it()
    {
        var pki = await TestPki.CreateAsync(null, ("admin", "admin", null, null));
        var expired = TestPki.Expired(pki, "old-admin");
        var expiredFile = Path.Combine(pki, "old-admin.crt");
        var keyFile = Path.Combine(pki, "old-admin.key");
        await File.WriteAllTextAsync(expiredFile, expired.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, expired.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        await ChildProcess.RunAsync(Path.Combine(Repository.Root, "deploy", "pki.sh"), ["revoke", pki, Path.Combine(pki, "admin.crt")], TimeSpan.FromSeconds(30));
        var gateway = new IPEndPoint(IPAddress.Loopback, FreePorts.Take(1)[0]);

        Task Connect(ClusterTlsFiles files) => ClusterConnection.ConnectAsync(new ClusterSettings("", [gateway], files), TimeSpan.FromSeconds(5), _ => { }, CancellationToken.None);

        var old = await Assert.ThrowsAsync<ClientCertificateException>(() => Connect(TestPki.Files(pki, "old-admin")));
        var revoked = await Assert.ThrowsAsync<ClientCertificateException>(() => Connect(TestPki.Files(pki, "admin")));
        var missing = await Assert.ThrowsAsync<ClientCertificateException>(() => Connect(TestPki.Files(pki, "nobody")));

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
            // Connected at the transport; a grain call proves the gateway really serves this client. This client signs
            // no caller token, so the call itself is refused by authorisation: an answer all the same.
            await host.Services.GetRequiredService<IClusterClient>().GetGrain<IHallGrain>("tls-hall").GetConfigAsync();
            return true;
        }
        catch (CallRefusedException)
        {
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
}
