namespace OrleansHall.Web.Tests;

[Collection(ConsoleStackCollection.Name)]
public sealed class HealthzTests(ConsoleStack stack)
{
    [Fact]
    public async Task Healthz_reports_healthy_with_active_silos_and_the_open_halls()
    {
        var hallId = $"health-{Guid.NewGuid():N}"[..15];
        await stack.OpenHallAsync(hallId);

        var health = await Eventually.MatchesAsync(
            stack.GetHealthAsync,
            h => h.GetProperty("halls").EnumerateArray().Any(id => id.GetString() == hallId),
            TimeSpan.FromSeconds(30),
            $"/healthz to list hall {hallId}");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("silos").GetInt32() >= 1, $"expected at least one active silo, got {health}");
        Assert.True(health.GetProperty("devices").GetInt32() >= 0, $"expected a device count, got {health}");
    }
}
