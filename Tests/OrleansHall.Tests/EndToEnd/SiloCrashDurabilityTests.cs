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
public sealed partial class SiloCrashDurabilityTests(PostgresServer postgres, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_silo_while_a_region_is_simulated_loses_no_acknowledged_event_and_counts_none_twice()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var ports = PostgresServer.FreePorts(3);
        var ackLog = Path.Combine(Directory.CreateTempSubdirectory("orleanshall-acks-").FullName, "acks.txt");
        var silo = StartSilo(connectionString, ports);
        var beforeCrashCount = 0;
        await using var simulator = new ChildProcess("dotnet", [HallCtlPath(),
            "simulate", "--halls", "2", "--speed", "300", "--start", $"{DateTime.Now:yyyy-MM-dd}T10:00", "--no-cameras",
            "--seed", "7", "--db", connectionString, "--ack-log", ackLog]);
        try
        {
            await WaitHealthyAsync(silo, ports[2]);
            var beforeCrash = await Eventually.HoldsAsync(() => Task.FromResult(ReadAcks(ackLog).Count), n => n >= 30,
                "30 readings acknowledged before the crash", seconds: 120);

            beforeCrashCount = ReadAcks(ackLog).Count;
            await silo.KillAsync();
            await Eventually.HoldsAsync(() => Task.FromResult(simulator.Output), o => o.Contains("cluster unreachable"),
                "hallctl to notice the silo is gone", seconds: 60);
            await silo.DisposeAsync();
            silo = StartSilo(connectionString, ports);
            await WaitHealthyAsync(silo, ports[2]);
            await Eventually.HoldsAsync(() => Task.FromResult(ReadAcks(ackLog).Count), n => n >= beforeCrash + 30,
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

        var acks = ReadAcks(ackLog);
        output.WriteLine($"{acks.Count} readings acknowledged ({beforeCrashCount} before the crash), {acks.Sum(a => a.Entries ?? 0)} entries");
        Assert.Contains("cluster reachable again", simulator.Output);
        Assert.Equal(acks.Count, acks.Select(a => a.EventId).Distinct().Count());
        await AssertAllAcknowledgedStoredAsync(connectionString, acks);

        // Every entry the sensors reported was counted exactly once by its hall, across the crash.
        await OnFreshSiloAsync(connectionString, ports, client => AssertHallsCountedOnceAsync(client, acks));
    }

    [Fact]
    public async Task Stopping_the_database_for_20_seconds_under_load_drops_no_reading_and_everything_counts_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var ports = PostgresServer.FreePorts(3);
        var work = Directory.CreateTempSubdirectory("orleanshall-outage-").FullName;
        var ackLog = Path.Combine(work, "acks.txt");
        var silo = StartSilo(connectionString, ports);
        await using var simulator = new ChildProcess("dotnet", [HallCtlPath(),
            "simulate", "--halls", "2", "--speed", "300", "--start", $"{DateTime.Now:yyyy-MM-dd}T10:00", "--no-cameras",
            "--seed", "11", "--db", connectionString, "--ack-log", ackLog, "--outbox-file", Path.Combine(work, "outbox.jsonl")]);
        DateTimeOffset restarted;
        int siloLogDuringOutage;
        var outageLog = "";
        try
        {
            await WaitHealthyAsync(silo, ports[2]);
            var before = await Eventually.HoldsAsync(() => Task.FromResult(ReadAcks(ackLog).Count), n => n >= 30,
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
            await Eventually.HoldsAsync(() => Task.FromResult(ReadAcks(ackLog).Count), n => n >= before + 60,
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

        var acks = ReadAcks(ackLog);
        output.WriteLine($"{acks.Count} readings acknowledged; silo wrote {siloLogDuringOutage} characters of log during the 20 s outage");
        var final = simulator.Output.Split('\n').Last(line => line.StartsWith("final:", StringComparison.Ordinal));
        Assert.Contains("outbox 0 ", final);
        Assert.Contains("refused 0 overflow 0", final);
        Assert.DoesNotContain("cluster refused", simulator.Output);
        Assert.Equal(acks.Count, acks.Select(a => a.EventId).Distinct().Count());
        await AssertAllAcknowledgedStoredAsync(connectionString, acks);
        var noisiest = outageLog.Split('\n').Where(l => l.StartsWith("warn:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal))
            .GroupBy(l => l.Split('[')[0]).OrderByDescending(g => g.Count()).Take(6).Select(g => $"{g.Count()} x {g.Key}");
        Assert.True(siloLogDuringOutage < 100_000,
            $"the silo wrote {siloLogDuringOutage} characters of log in a 20 s outage; repeated failures should be one line each: {string.Join("; ", noisiest)}");

        // The halls' live counters equal what the devices measured and what the log holds.
        await OnFreshSiloAsync(connectionString, ports, client => AssertHallsCountedOnceAsync(client, acks, alsoAgainstLogOf: connectionString));
    }

    /// <summary>Every reading hallctl saw acknowledged is in hall_events.</summary>
    internal static async Task AssertAllAcknowledgedStoredAsync(string connectionString, List<Ack> acks)
    {
        var stored = await StoredEventIdsAsync(connectionString);
        var missing = acks.Where(a => !stored.Contains(a.EventId)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acks.Count} acknowledged readings are not in hall_events, e.g. {missing.FirstOrDefault()}");
    }

    /// <summary>
    /// Each hall's live entries and exits equal the sums of its acknowledged passages (and, when a connection string
    /// is given, the sums of the passages in hall_events): every reading counted exactly once.
    /// </summary>
    internal static async Task AssertHallsCountedOnceAsync(IClusterClient client, List<Ack> acks, string? alsoAgainstLogOf = null)
    {
        foreach (var hall in acks.Where(a => a.Entries is not null).GroupBy(a => a.HallId))
        {
            var snapshot = await client.GetGrain<IHallGrain>(hall.Key).GetSnapshotAsync();
            Assert.Equal((hall.Sum(a => a.Entries!.Value), hall.Sum(a => a.Exits!.Value)), (snapshot.EntriesToday, snapshot.ExitsToday));
            if (alsoAgainstLogOf is not null)
            {
                Assert.Equal(await LoggedPassagesAsync(alsoAgainstLogOf, hall.Key), (snapshot.EntriesToday, snapshot.ExitsToday));
            }
        }
    }

    /// <summary>Starts a silo on the database, runs the check through a client, and stops the silo.</summary>
    private static async Task OnFreshSiloAsync(string connectionString, int[] ports, Func<IClusterClient, Task> check)
    {
        await using var silo = StartSilo(connectionString, ports);
        await WaitHealthyAsync(silo, ports[2]);
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

    private static async Task<(int Entries, int Exits)> LoggedPassagesAsync(string connectionString, string hallId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(sum((payload->>'entries')::int), 0), coalesce(sum((payload->>'exits')::int), 0) FROM hall_events WHERE hall_id = @h AND kind = 'passage'",
            connection);
        command.Parameters.AddWithValue("h", hallId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    /// <summary>hallctl from its own build output (same configuration as this test), with its own dependency manifest.</summary>
    internal static string HallCtlPath()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(PostgresServer.FindRepositoryRoot(), "Clients", "bin", configuration, "net10.0", "hallctl.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing; build the solution in {configuration} first.", path);
    }

    internal static ChildProcess StartSilo(string connectionString, int[] ports) => SiloProcess.Start(new Dictionary<string, string>
    {
        ["ORLEANSHALL_ConnectionStrings__Orleans"] = connectionString,
        ["ORLEANSHALL_Silo__SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
        ["ORLEANSHALL_Silo__GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
        ["ORLEANSHALL_Silo__HttpPort"] = ports[2].ToString(CultureInfo.InvariantCulture),
        ["ORLEANSHALL_Silo__Dashboard"] = "false",
    });

    internal static async Task WaitHealthyAsync(ChildProcess silo, int httpPort)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        await Eventually.HoldsAsync(async () =>
        {
            if (silo.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"The silo exited with {silo.ExitCode}:\n{silo.Output}");
            }

            try
            {
                return (await http.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("status").GetString();
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }, status => status == "ok", "the silo to report healthy", seconds: 90);
    }

    internal static List<Ack> ReadAcks(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var acks = new List<Ack>();
        while (reader.ReadLine() is { } line)
        {
            // "<event id> <hall>/<device> passage in N out M at <hall>/<device>" or "... <type> usage at ..."
            var parts = line.Split(' ', 3);
            if (parts.Length < 3 || !line.EndsWith(parts[1], StringComparison.Ordinal))
            {
                continue; // a line still being written
            }

            var passage = PassageText().Match(parts[2]);
            acks.Add(new Ack(Guid.Parse(parts[0]), parts[1].Split('/')[0],
                passage.Success ? int.Parse(passage.Groups[1].Value, CultureInfo.InvariantCulture) : null,
                passage.Success ? int.Parse(passage.Groups[2].Value, CultureInfo.InvariantCulture) : null));
        }

        return acks;
    }

    private static async Task<HashSet<Guid>> StoredEventIdsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT event_id FROM hall_events", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    [GeneratedRegex(@"^passage in (\d+) out (\d+) at ")]
    private static partial Regex PassageText();

    internal sealed record Ack(Guid EventId, string HallId, int? Entries, int? Exits);
}
