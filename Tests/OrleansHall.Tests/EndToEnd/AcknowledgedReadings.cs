using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using OrleansHall.Hall;

namespace OrleansHall.Tests.EndToEnd;

/// <summary>
/// The readings hallctl wrote to its acknowledgement log (--ack-log) and the checks every end-to-end test makes of
/// them: each one stored, each counted exactly once.
/// </summary>
public static partial class AcknowledgedReadings
{
    /// <summary>Every reading hallctl saw acknowledged is in hall_events.</summary>
    public static async Task AssertAllAcknowledgedStoredAsync(string connectionString, List<Ack> acks)
    {
        var stored = await StoredEventIdsAsync(connectionString);
        var missing = acks.Where(a => !stored.Contains(a.EventId)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acks.Count} acknowledged readings are not in hall_events, e.g. {missing.FirstOrDefault()}");
    }

    /// <summary>
    /// Each hall's live entries and exits equal the sums of its acknowledged passages (and, when a connection string
    /// is given, the sums of the passages in hall_events): every reading counted exactly once.
    /// </summary>
    public static async Task AssertHallsCountedOnceAsync(IClusterClient client, List<Ack> acks, string? alsoAgainstLogOf = null)
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

    public static List<Ack> ReadAcks(string path)
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

    public sealed record Ack(Guid EventId, string HallId, int? Entries, int? Exits);
}
