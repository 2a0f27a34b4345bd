using OrleansHall.Hall;
using OrleansHall.Tests.Infrastructure;
using OrleansHall.Tests.Silo;

namespace OrleansHall.Tests.EndToEnd;

/// <summary>
/// A real `hallctl sensor` loses its link to the cluster for a minute (the silo is frozen with SIGSTOP, so packets
/// go unanswered as on a dead network path) and the agent is killed and restarted in the middle of it. Every person
/// the sensor counted must reach the hall, once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DeviceLinkTests(PostgresServer postgres, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan LinkDown = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_sensor_cut_off_for_a_minute_and_killed_meanwhile_delivers_every_count_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var ports = FreePorts.Take(3);
        var outbox = Path.Combine(Directory.CreateTempSubdirectory("orleanshall-link-").FullName, "ir-door.jsonl");
        await using var silo = SiloProcess.Start(connectionString, ports);
        await SiloProcess.WaitHealthyAsync(silo, ports[2]);
        await using var cluster = await ClusterClient.ConnectAsync(connectionString, "orleanshall");
        var hall = cluster.Client.GetGrain<IHallGrain>("linkhall");
        await hall.ConfigureAsync(new HallConfig("Link hall", "test-region", 500, ["C1"], ["entrance"], ["bill-payment"]));
        string[] sensorArgs = [Repository.HallCtl, "sensor", "--hall", "linkhall", "--device", "ir-door",
            "--db", connectionString, "--outbox-file", outbox, "--interval", "2"];

        var first = new ChildProcess("dotnet", sensorArgs);
        ChildProcess? restarted = null;
        try
        {
            await SendAsync(first, 10);
            await Eventually.HoldsAsync(() => hall.GetSnapshotAsync(), s => s.EntriesToday == 10, "the first 10 entries before the cut", seconds: 90);

            await silo.SignalAsync("STOP");
            var cutAt = DateTime.UtcNow;
            await SendAsync(first, 20);
            await Eventually.HoldsAsync(() => Task.FromResult(first.Output), o => o.Contains("cluster unreachable"),
                "the sensor to notice the link is down", seconds: 60);
            await first.KillAsync();

            // Restarted while the link is still down: it waits for the cluster, then sends what the first one left.
            restarted = new ChildProcess("dotnet", sensorArgs);
            var remaining = LinkDown - (DateTime.UtcNow - cutAt);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining);
            }

            await silo.SignalAsync("CONT");
            await Eventually.HoldsAsync(() => Task.FromResult(restarted.Output), o => o.Contains("20 reading(s) left undelivered"),
                "the restarted sensor to recover the 20 readings from its outbox file", seconds: 90);
            await SendAsync(restarted, 5);
            var after = await Eventually.HoldsAsync(() => hall.GetSnapshotAsync(), s => s.EntriesToday >= 35,
                "all 35 entries after the link is back", seconds: 120);
            Assert.Equal(35, after.EntriesToday);
            await Eventually.HoldsAsync(() => Task.FromResult(restarted.Output), o => o.Contains("outbox 0 sent 25 refused 0 overflow 0"),
                "the restarted sensor to report its outbox delivered", seconds: 30);
            output.WriteLine(restarted.Output);
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- first sensor ---\n{first.Output}\n--- restarted sensor ---\n{restarted?.Output}");
        }
        finally
        {
            await silo.SignalAsync("CONT");
            await first.DisposeAsync();
            if (restarted is not null)
            {
                await restarted.DisposeAsync();
            }
        }

        Assert.Equal(35, (await hall.GetSnapshotAsync()).EntriesToday);
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM hall_events WHERE hall_id = 'linkhall' AND kind = 'passage'", connection);
        Assert.Equal(35L, await command.ExecuteScalarAsync());
    }

    private static async Task SendAsync(ChildProcess sensor, int entries)
    {
        for (var i = 0; i < entries; i++)
        {
            await sensor.WriteLineAsync("in 1");
        }
    }
}
