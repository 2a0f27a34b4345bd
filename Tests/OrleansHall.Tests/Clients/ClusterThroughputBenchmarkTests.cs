using OrleansHall.Clients.Benchmarks;
using OrleansHall.Hall;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Clients;

/// <summary>The cluster benchmark's mechanics on the in-process cluster: both phases run and every acknowledged event is counted by its hall. Rates are the benchmark's business, not asserted here.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterThroughputBenchmarkTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Both_phases_complete_calls_and_every_acknowledged_passage_reaches_its_hall()
    {
        var notes = new List<string>();

        var result = await new ClusterThroughputBenchmark(fixture.Client, fixture.Clock, notes.Add).RunAsync(halls: 2, concurrency: 4, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.True(result.Events.Calls > 0 && result.Pings.Calls > 0, $"events {result.Events.Calls}, pings {result.Pings.Calls}");
        Assert.Equal((0L, 0L), (result.Events.Failures, result.Pings.Failures));
        Assert.True(result.Ratio > 0);
        Assert.Equal(result.Events.Succeeded, await EntriesAsync(notes));
    }

    /// <summary>Entries today over the benchmark's halls, found by the run id the first note names.</summary>
    private async Task<long> EntriesAsync(List<string> notes)
    {
        var run = notes.First(n => n.StartsWith("run ", StringComparison.Ordinal))[4..12];
        long entries = 0;
        for (var i = 0; i < 2; i++)
        {
            entries += (await fixture.Client.GetGrain<IHallGrain>($"benchcl-{run}-{i}").GetSnapshotAsync()).EntriesToday;
        }

        return entries;
    }
}
