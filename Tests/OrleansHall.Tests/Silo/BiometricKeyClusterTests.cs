using OrleansHall.Gallery;
using OrleansHall.Security;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Silo;

/// <summary>
/// One biometric key ring for the whole cluster: three silos built as in production and given the same key file seal
/// galleries wherever they are placed, and the last silo standing opens them all; a silo with a key of its own cannot.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BiometricKeyClusterTests(PostgresServer postgres)
{
    [Fact]
    public async Task Galleries_sealed_on_any_of_three_silos_sharing_one_key_file_open_on_the_last_one_standing()
    {
        var keyFile = Path.Combine(Directory.CreateTempSubdirectory("orleanshall-keys-").FullName, "biometric.keys");
        BiometricKeyRing.CreateKeyFile(keyFile);
        var connectionString = await postgres.CreateDatabaseAsync();
        var clusterId = $"keys-{Guid.NewGuid():N}"[..17];
        await using var a = await InProcessSilo.StartAsync(connectionString, clusterId, biometricKeyFile: keyFile);
        await using var b = await InProcessSilo.StartAsync(connectionString, clusterId, biometricKeyFile: keyFile);
        await using var c = await InProcessSilo.StartAsync(connectionString, clusterId, biometricKeyFile: keyFile);
        await Eventually.HoldsAsync(() => Membership.ActiveSilosAsync(connectionString, clusterId), n => n == 3, "three active silos");
        var regions = Enumerable.Range(0, 12).Select(i => $"keys-region-{i}").ToList();
        await using (var client = await ClusterClient.ConnectAsync(connectionString, clusterId))
        {
            // Twelve galleries land on the three silos at random, each sealed by the silo that holds it.
            for (var i = 0; i < regions.Count; i++)
            {
                await client.Client.GetGrain<IFaceGalleryGrain>(regions[i]).EnrolAsync($"cust-{i}", Template(i), "clerk-1");
            }
        }

        await a.StopAsync();
        await b.StopAsync();
        await Eventually.HoldsAsync(() => Membership.ActiveSilosAsync(connectionString, clusterId), n => n == 1, "two silos to leave");
        await using (var client = await ClusterClient.ConnectAsync(connectionString, clusterId))
        {
            for (var i = 0; i < regions.Count; i++)
            {
                var hit = await client.Client.GetGrain<IFaceGalleryGrain>(regions[i]).IdentifyAsync(Template(i), "cam-1");
                Assert.Equal($"cust-{i}", hit?.PersonId);
            }
        }

        // The control: a silo with a key of its own cannot open them, so the test above can fail.
        await c.StopAsync();
        var otherKey = Path.Combine(Directory.CreateTempSubdirectory("orleanshall-keys-").FullName, "biometric.keys");
        BiometricKeyRing.CreateKeyFile(otherKey);
        await using var stranger = await InProcessSilo.StartAsync(connectionString, clusterId, biometricKeyFile: otherKey);
        await using (var client = await ClusterClient.ConnectAsync(connectionString, clusterId))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => client.Client.GetGrain<IFaceGalleryGrain>(regions[0]).CountAsync());
        }

        Assert.Single(BiometricKeyRing.Read(keyFile).Keys);
    }

    private static float[] Template(int i)
    {
        var template = new float[512];
        template[i] = 1f;
        return template;
    }
}
