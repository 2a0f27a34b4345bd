using OrleansHall.Clients.Benchmarks;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Clients;

/// <summary>The card benchmark's mechanics on the in-process cluster: every sighting produces its card. Timing is the benchmark's business, not asserted here.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CardLatencyBenchmarkTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Every_sighting_brings_a_card_and_the_percentiles_are_ordered()
    {
        var photo = File.ReadAllBytes(Repository.Media("sample2.jpg"));
        var notes = new List<string>();

        var result = await new CardLatencyBenchmark(fixture.Client, fixture.Clock, notes.Add).RunAsync(photo, [photo], sightings: 5, CancellationToken.None);

        Assert.Equal(5, result.Sightings);
        Assert.True(result.P50Ms > 0 && result.P50Ms <= result.P95Ms && result.P95Ms <= result.MaxMs, $"p50 {result.P50Ms} p95 {result.P95Ms} max {result.MaxMs}");
        Assert.Contains(notes, n => n.StartsWith("5/5 sightings", StringComparison.Ordinal));
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        double[] sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

        Assert.Equal(50, CardLatencyBenchmark.Percentile(sorted, 0.5));
        Assert.Equal(100, CardLatencyBenchmark.Percentile(sorted, 0.95));
        Assert.Equal(10, CardLatencyBenchmark.Percentile(sorted, 0));
    }
}
