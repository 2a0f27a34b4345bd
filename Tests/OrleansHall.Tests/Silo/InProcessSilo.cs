using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansHall.Security;
using OrleansHall.Silo;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Silo;

/// <summary>A real silo host (the production <see cref="SiloHost"/>) running inside the test process on free ports.</summary>
internal sealed class InProcessSilo(WebApplication app, SiloSettings settings) : IAsyncDisposable
{
    private bool _stopped;

    public SiloSettings Settings { get; } = settings;

    public Uri HttpAddress => new($"http://127.0.0.1:{Settings.HttpPort}");

    public IServiceProvider Services => app.Services;

    public static async Task<InProcessSilo> StartAsync(
        string connectionString, string clusterId, bool dashboard = false, ClusterTlsFiles? tls = null, ILoggerProvider? logs = null, string? biometricKeyFile = null, string? dashboardUsers = null)
    {
        var ports = FreePorts.Take(3);
        var settings = new SiloSettings
        {
            ConnectionString = connectionString,
            ClusterId = clusterId,
            ServiceId = clusterId,
            SiloName = $"test-{ports[0]}",
            SiloPort = ports[0],
            GatewayPort = ports[1],
            HttpPort = ports[2],
            Dashboard = dashboard,
            ApplySchema = false,
            Tls = tls,
            BiometricKeyFile = biometricKeyFile,
            DashboardUsers = dashboardUsers,
        };

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        var app = await SiloHost.BuildAsync(builder, settings);
        await app.StartAsync();
        return new InProcessSilo(app, settings);
    }

    /// <summary>Graceful shutdown: the silo hands its grains back and marks itself dead in the membership table.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
