using OrleansHall.Common;
using OrleansHall.Device;

namespace OrleansHall.Web.Tests;

[Collection(ConsoleStackCollection.Name)]
public sealed class HealthzTests(ConsoleStack stack)
{
    [Fact]
    public async Task Healthz_reports_healthy_with_active_silos_and_the_open_halls()
    {
        var hallId = $"health-{Guid.NewGuid():N}"[..15];
        await stack.OpenHallAsync(hallId);
        var devicesBefore = (await stack.GetHealthAsync()).GetProperty("devices").GetInt32();
        await stack.Cluster.GetDevice(hallId, "kiosk-1").RegisterAsync(DeviceKind.Kiosk);

        var health = await Eventually.HoldsAsync(
            stack.GetHealthAsync,
            h => h.GetProperty("halls").EnumerateArray().Any(id => id.GetString() == hallId)
                && h.GetProperty("devices").GetInt32() > devicesBefore, $"/healthz to list hall {hallId} and count its kiosk online", 30, retryErrors: true);

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("silos").GetInt32() >= 1, $"expected at least one active silo, got {health}");
    }

    [Fact]
    public async Task Healthz_answers_unhealthy_before_the_silo_starts_and_the_console_connects_once_it_does()
    {
        Assert.Equal("unhealthy", stack.HealthBeforeSilo.GetProperty("status").GetString());
        Assert.Equal(0, stack.HealthBeforeSilo.GetProperty("silos").GetInt32());

        // The fixture started the silo after the console; nobody restarted the console.
        var health = await stack.GetHealthAsync();
        Assert.Equal("healthy", health.GetProperty("status").GetString());
    }
}
