using System.Diagnostics;
using System.Globalization;
using Orleans.Runtime;
using OrleansHall.Hall;
using OrleansHall.Tests.Infrastructure;
using OrleansHall.Tests.Silo;

namespace OrleansHall.Tests.EndToEnd;

/// <summary>
/// Three silo processes on one PostgreSQL membership table under `hallctl simulate`; one is killed with SIGKILL.
/// Its grains must come back on the survivors, the simulator must carry on, and every acknowledged reading must be
/// in the log and counted once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloFailoverTests(PostgresServer postgres, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string[] Halls = [.. OrleansHall.Clients.Simulation.HallPlan.Region(4).Select(p => p.HallId)];

    [Fact]
    public async Task Killing_one_of_three_silos_moves_its_grains_and_loses_no_acknowledged_reading()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var ports = FreePorts.Take(9);
        var work = Directory.CreateTempSubdirectory("orleanshall-failover-").FullName;
        var ackLog = Path.Combine(work, "acks.txt");
        var silos = Enumerable.Range(0, 3).Select(i => SiloProcess.Start(connectionString, ports[(i * 3)..(i * 3 + 3)])).ToList();
        await using var simulator = new ChildProcess("dotnet", [Repository.HallCtl,
            "simulate", "--halls", "4", "--speed", "150", "--start", $"{DateTime.Now:yyyy-MM-dd}T10:00", "--no-cameras",
            "--seed", "5", "--db", connectionString, "--ack-log", ackLog, "--outbox-file", Path.Combine(work, "outbox.jsonl")]);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                await SiloProcess.WaitHealthyAsync(silos[i], ports[i * 3 + 2]);
            }

            var before = await Eventually.HoldsAsync(() => Task.FromResult(AcknowledgedReadings.ReadAcks(ackLog).Count), n => n >= 40,
                "40 readings acknowledged before the kill", seconds: 120);
            await using var client = await ClusterClient.ConnectAsync(connectionString, "orleanshall");

            // Kill the silo that hosts the first hall, so at least one hall must move.
            var hostPort = await HostSiloPortAsync(client.Client, Halls[0]);
            var victim = Enumerable.Range(0, 3).Single(i => ports[i * 3] == hostPort);
            await silos[victim].KillAsync();
            var killed = Stopwatch.StartNew();
            foreach (var hall in Halls)
            {
                await Eventually.HoldsAsync(() => AnswersAsync(client.Client.GetGrain<IHallGrain>(hall)), ok => ok,
                    $"hall {hall} to answer from a surviving silo", seconds: 120);
            }

            var failover = killed.Elapsed;
            var newHost = await HostSiloPortAsync(client.Client, Halls[0]);
            Assert.NotEqual(hostPort, newHost);
            await Eventually.HoldsAsync(() => Task.FromResult(AcknowledgedReadings.ReadAcks(ackLog).Count), n => n >= before + 40,
                "40 more readings acknowledged after the kill", seconds: 180);
            var exit = await simulator.InterruptAsync(TimeSpan.FromSeconds(120));
            Assert.True(exit == 0, $"hallctl simulate exited with {exit}:\n{simulator.Output}");

            var acks = AcknowledgedReadings.ReadAcks(ackLog);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{acks.Count} readings acknowledged; killed the silo on port {hostPort} hosting {Halls[0]}; every hall answered again {failover.TotalSeconds:0.0} s later, {Halls[0]} now on port {newHost}"));
            Assert.DoesNotContain("cluster refused", simulator.Output);
            await AcknowledgedReadings.AssertAllAcknowledgedStoredAsync(connectionString, acks);
            await AcknowledgedReadings.AssertHallsCountedOnceAsync(client.Client, acks);
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- hallctl simulate ---\n{simulator.Output}");
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>The silo port of the silo that has the hall grain activated, from the management grain's statistics.</summary>
    private static async Task<int> HostSiloPortAsync(IClusterClient client, string hallId)
    {
        await client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync();
        var statistics = await client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var host = statistics.Single(s => s.GrainId.Key.ToString() == hallId && s.GrainId.Type.ToString() == "hall");
        return host.SiloAddress.Endpoint.Port;
    }

    private static async Task<bool> AnswersAsync(IHallGrain hall)
    {
        try
        {
            await hall.GetSnapshotAsync().WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (Exception error) when (error is TimeoutException or Orleans.Runtime.OrleansException)
        {
            return false;
        }
    }
}
