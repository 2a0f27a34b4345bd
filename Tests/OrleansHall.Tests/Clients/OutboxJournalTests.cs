using System.Text.Json;
using OrleansHall.Clients.Agents;
using OrleansHall.Clients.Delivery;
using OrleansHall.Device;
using OrleansHall.Hall;

namespace OrleansHall.Tests.Clients;

public sealed class OutboxJournalTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(8));

    private static string NewPath() => Path.Combine(Directory.CreateTempSubdirectory("orleanshall-outbox-").FullName, "outbox.jsonl");

    private static Reading Passage(int entries) => new PassageReading("zhenhai", "ir-door", new Passage(Guid.NewGuid(), entries, 0, Noon));

    [Fact]
    public void Readings_taken_and_not_settled_come_back_in_order_after_the_agent_dies()
    {
        var path = NewPath();
        var taken = Enumerable.Range(1, 5).Select(Passage)
            .Append(new UsageReading("zhenhai", "kiosk-1", new DeviceUsage(Guid.NewGuid(), "bill-payment", true, Noon)))
            .ToList();
        var (journal, recovered) = OutboxJournal<Reading>.Open(path, r => r.EventId, Json);
        Assert.Empty(recovered);
        taken.ForEach(journal.Taken);
        journal.Settled(taken[0]);
        journal.Settled(taken[2]);

        // The process dies here: the file is closed without any goodbye.
        journal.Dispose();
        var (again, pending) = OutboxJournal<Reading>.Open(path, r => r.EventId, Json);

        again.Dispose();

        Assert.Equal(new[] { taken[1], taken[3], taken[4], taken[5] }, pending);
        Assert.Equal(4, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void A_line_torn_by_a_crash_is_skipped_and_counted_and_the_rest_recovered()
    {
        var path = NewPath();
        var (journal, _) = OutboxJournal<Reading>.Open(path, r => r.EventId, Json);
        var first = Passage(1);
        journal.Taken(first);
        journal.Dispose();
        File.AppendAllText(path, "+{\"kind\":\"passage\",\"hallId\":\"zhen");

        var (again, pending) = OutboxJournal<Reading>.Open(path, r => r.EventId, Json);

        Assert.Equal([first], pending);
        Assert.Equal(1, again.Unreadable);
        again.Dispose();
    }

    [Fact]
    public void Two_agents_cannot_share_one_outbox_file()
    {
        var path = NewPath();
        var (journal, _) = OutboxJournal<Reading>.Open(path, r => r.EventId, Json);

        var error = Assert.Throws<IOException>(() => OutboxJournal<Reading>.Open(path, r => r.EventId, Json));

        Assert.Contains("another hallctl", error.Message);
        journal.Dispose();
    }
}
