namespace OrleansHall.Tests.Silo;

/// <summary>
/// The deployment examples start: deploy/published-smoke.sh publishes the silo and the console, configures them from
/// deploy/systemd's examples (hosts, ports and paths replaced), migrates as the owner role, and waits for both to be
/// healthy outside the checkout.
/// </summary>
public sealed class PublishedSmokeTests
{
    [Fact]
    public async Task A_published_silo_and_console_start_from_the_systemd_examples()
    {
        var output = await ChildProcess.RunAsync("bash", [Path.Combine(Repository.Root, "deploy", "published-smoke.sh")], TimeSpan.FromMinutes(6));

        Assert.Contains("silo healthy: {\"status\":\"Healthy\"", output);
        Assert.Contains("started outside the checkout from the systemd examples, and stopped: ok", output);
    }
}
