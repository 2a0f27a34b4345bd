using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using OrleansHall.Hall;
using OrleansHall.Tests.Infrastructure;
using OrleansHall.Tests.Silo;

namespace OrleansHall.Tests.EndToEnd;

/// <summary>
/// The whole chain as it runs in a hall: a silo process on PostgreSQL and `hallctl simulate` feeding it.
/// The silo is killed without warning in the middle of the day and started again.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloCrashDurabilityTests(PostgresServer postgres, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_silo_while_a_region_is_simulated_loses_no_acknowledged_event_and_counts_none_twice()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var ports = FreePorts.Take(3);
        var ackLog = Path.Combine(Directory.CreateTempSubdirectory("orleanshall-acks-").FullName, "acks.txt");
        var silo = SiloProcess.Start(connectionString, ports);
        var beforeCrashCount = 0;
        await using var simulator = new ChildProcess("dotnet", [Repository.HallCtl,
            "simulate", "--halls", "2", "--speed", "300", "--start", $"{DateTime.Now:yyyy-MM-dd}T10:00", "--no-cameras",
            "--seed", "7", "--db", connectionString, "--ack-log", ackLog]);
        try
        {
            await SiloProcess.WaitHealthyAsync(silo, ports[2]);
            var beforeCrash = await Eventually.HoldsAsync(() => Task.FromResult(AcknowledgedReadings.ReadAcks(ackLog).Count), n => n >= 30,
                "30 readings acknowledged before the crash", seconds: 120);

            beforeCrashCount = AcknowledgedReadings.ReadAcks(ackLog).Count;
            await silo.KillAsync();
            await Eventually.HoldsAsync(() => Task.FromResult(simulator.Output), o => o.Contains("cluster unreachable"),
                "hallctl to notice the silo is gone", seconds: 60);
            await silo.DisposeAsync();
            silo = SiloProcess.Start(connectionString, ports);
            await SiloProcess.WaitHealthyAsync(silo, ports[2]);
            await Eventually.HoldsAsync(() => Task.FromResult(AcknowledgedReadings.ReadAcks(ackLog).Count), n => n >= beforeCrash + 30,
                "30 more readings acknowledged after the restart", seconds: 180);

            var exit = await simulator.InterruptAsync(TimeSpan.FromSeconds(120));
            Assert.True(exit == 0, $"hallctl simulate exited with {exit}:\n{simulator.Output}");
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- hallctl simulate ---\n{simulator.Output}\n--- silo ---\n{silo.Output}");
        }
        finally
        {
            await silo.DisposeAsync();
        }

        var acks = AcknowledgedReadings.ReadAcks(ackLog);
        output.WriteLine($"{acks.Count} readings acknowledged ({beforeCrashCount} before the crash), {acks.Sum(a => a.Entries ?? 0)} entries");
        Assert.Contains("cluster reachable again", simulator.Output);
        Assert.Equal(acks.Count, acks.Select(a => a.EventId).Distinct().Count());
        await AcknowledgedReadings.AssertAllAcknowledgedStoredAsync(connectionString, acks);

        // Every entry the sensors reported was counted exactly once by its hall, across the crash.
        await OnFreshSiloAsync(connectionString, ports, client => AcknowledgedReadings.AssertHallsCountedOnceAsync(client, acks));
    }

    [Fact]
    public async Task Stopping_the_database_for_20_seconds_under_load_drops_no_reading_and_everything_counts_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var ports = FreePorts.Take(3);
        var work = Directory.CreateTempSubdirectory("orleanshall-outage-").FullName;
        var ackLog = Path.Combine(work, "acks.txt");
        var silo = SiloProcess.Start(connectionString, ports);
        await using var simulator = new ChildProcess("dotnet", [Repository.HallCtl,
            "simulate", "--halls", "2", "--speed", "300", "--start", $"{DateTime.Now:yyyy-MM-dd}T10:00", "--no-cameras",
            "--seed", "11", "--db", connectionString, "--ack-log", ackLog, "--outbox-file", Path.Combine(work, "outbox.jsonl")]);
        DateTimeOffset restarted;
        int siloLogDuringOutage;
        var outageLog = "";
        try
        {
            await SiloProcess.WaitHealthyAsync(silo, ports[2]);
            var before = await Eventually.HoldsAsync(() => Task.FromResult(AcknowledgedReadings.ReadAcks(ackLog).Count), n => n >= 30,
                "30 readings acknowledged before the outage", seconds: 120);

            var logBefore = silo.Output.Length;
            await postgres.StopAsync();
            try
            {
                // An outage, not a timing claim: the region keeps working against a database that is gone.
                await Task.Delay(TimeSpan.FromSeconds(20));
            }
            finally
            {
                await postgres.StartAgainAsync();
            }

            // This test's own pooled connections died with the server.
            NpgsqlConnection.ClearAllPools();
            restarted = DateTimeOffset.UtcNow;
            outageLog = silo.Output[logBefore..];
            siloLogDuringOutage = outageLog.Length;
            await Eventually.HoldsAsync(() => Task.FromResult(AcknowledgedReadings.ReadAcks(ackLog).Count), n => n >= before + 60,
                "60 more readings acknowledged after the database is back", seconds: 180);
            await Eventually.HoldsAsync(() => CountAsync(connectionString, "ticket-called", restarted), n => n >= 3,
                "counters to call tickets again after the outage", seconds: 120);

            var exit = await simulator.InterruptAsync(TimeSpan.FromSeconds(120));
            Assert.True(exit == 0, $"hallctl simulate exited with {exit}:\n{simulator.Output}");
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- hallctl simulate ---\n{simulator.Output}\n--- silo ---\n{silo.Output}");
        }
        finally
        {
            await silo.DisposeAsync();
        }

        var acks = AcknowledgedReadings.ReadAcks(ackLog);
        output.WriteLine($"{acks.Count} readings acknowledged; silo wrote {siloLogDuringOutage} characters of log during the 20 s outage");
        var final = simulator.Output.Split('\n').Last(line => line.StartsWith("final:", StringComparison.Ordinal));
        Assert.Contains("outbox 0 ", final);
        Assert.Contains("refused 0 overflow 0", final);
        Assert.DoesNotContain("cluster refused", simulator.Output);
        Assert.Equal(acks.Count, acks.Select(a => a.EventId).Distinct().Count());
        await AcknowledgedReadings.AssertAllAcknowledgedStoredAsync(connectionString, acks);
        var noisiest = outageLog.Split('\n').Where(l => l.StartsWith("warn:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal))
            .GroupBy(l => l.Split('[')[0]).OrderByDescending(g => g.Count()).Take(6).Select(g => $"{g.Count()} x {g.Key}");
        Assert.True(siloLogDuringOutage < 100_000,
            $"the silo wrote {siloLogDuringOutage} characters of log in a 20 s outage; repeated failures should be one line each: {string.Join("; ", noisiest)}");

        // The halls' live counters equal what the devices measured and what the log holds.
        await OnFreshSiloAsync(connectionString, ports, client => AcknowledgedReadings.AssertHallsCountedOnceAsync(client, acks, alsoAgainstLogOf: connectionString));
    }

    /// <summary>Starts a silo on the database, runs the check through a client, and stops the silo.</summary>
    private static async Task OnFreshSiloAsync(string connectionString, int[] ports, Func<IClusterClient, Task> check)
    {
        await using var silo = SiloProcess.Start(connectionString, ports);
        await SiloProcess.WaitHealthyAsync(silo, ports[2]);
        await using var client = await ClusterClient.ConnectAsync(connectionString, "orleanshall");
        await check(client.Client);
    }

    private static async Task<long> CountAsync(string connectionString, string kind, DateTimeOffset after)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM hall_events WHERE kind = @k AND occurred_at > @t", connection);
        command.Parameters.AddWithValue("k", kind);
        command.Parameters.AddWithValue("t", after);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
