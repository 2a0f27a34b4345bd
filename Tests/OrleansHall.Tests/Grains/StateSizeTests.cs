using System.Text.Json;
using OrleansHall.Clients.Benchmarks;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Grains;

/// <summary>
/// Grain state is rewritten whole on every event, so its size is the bytes written per event. After a busy
/// stretch (hundreds of passages, kiosk uses and ticket transitions, twenty customers waiting) each grain kind
/// must still write at most a few kilobytes per event (the waiting tickets themselves are most of the queue's);
/// the figures are printed as one JSON line.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StateSizeTests(ClusterFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int MaxBytesPerEvent = 6 * 1024;

    [Fact]
    public async Task After_a_busy_stretch_every_grain_kind_writes_at_most_a_few_kilobytes_per_event()
    {
        var hallId = $"size-{Guid.NewGuid():N}"[..13];
        var benchmark = new StateSizeBenchmark(fixture.Client, fixture.ConnectionString, fixture.Clock);

        var results = await benchmark.RunAsync(hallId, passages: 300, tickets: 120, output.WriteLine);
        output.WriteLine(JsonSerializer.Serialize(results));

        Assert.Equal(new[] { "device", "hall", "queue" }, results.Select(r => r.Kind).Order());
        Assert.All(results, kind => Assert.True(kind.Events > 0 && kind.Writes > 0, $"{kind.Kind} took no events or wrote nothing"));
        Assert.All(results, kind => Assert.True(kind.BytesPerEvent <= MaxBytesPerEvent,
            $"{kind.Kind} wrote {kind.BytesPerEvent} bytes per event ({kind.Writes} writes of up to {kind.LargestStateBytes} B for {kind.Events} events); expected at most {MaxBytesPerEvent}"));
    }
}
