using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansHall.Clients.Delivery;
using OrleansHall.Security;

namespace OrleansHall.Clients.Cluster;

/// <summary>A started Orleans client host; dispose to disconnect.</summary>
public sealed class ClusterConnection(IHost host) : IAsyncDisposable
{
    public const string LogLevelEnvironmentVariable = "HALLCTL_LOG";

    public IClusterClient Client { get; } = host.Services.GetRequiredService<IClusterClient>();

    public IGrainFactory Grains => Client;

    /// <summary>Connects, retrying with back-off; <paramref name="giveUpAfter"/> null means keep trying until cancelled.</summary>
    public static async Task<ClusterConnection> ConnectAsync(
        ClusterSettings settings, TimeSpan? giveUpAfter, Action<string> report, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevelFromEnvironment());
        builder.Services.AddSingleton<IClientConnectionRetryFilter>(
            new ConnectRetryFilter(giveUpAfter, new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)), TimeProvider.System, report));
        builder.UseOrleansClient(client =>
        {
            if (settings.Gateways.Count > 0)
            {
                client.UseStaticClustering([.. settings.Gateways]);
            }
            else
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = settings.ConnectionString;
                });
            }

            if (settings.Tls is { } tls)
            {
                try
                {
                    client.UseClusterTls(tls, TimeProvider.System);
                }
                catch (ArgumentException refused)
                {
                    throw new ClientCertificateException(refused.Message);
                }
            }

            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterSettings.ClusterId;
                o.ServiceId = ClusterSettings.ServiceId;
            });

            // A restarted silo gets a new generation; notice its gateway quickly.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ClusterConnection(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await host.StopAsync(stopping.Token);
        }
        catch (Exception error) when (error is OperationCanceledException || TransientFailures.IsTransient(error))
        {
            // The cluster may already be gone; nothing left to flush.
        }

        host.Dispose();
    }

    private static LogLevel LogLevelFromEnvironment() =>
        Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable(LogLevelEnvironmentVariable), ignoreCase: true, out var level)
            ? level
            : LogLevel.None;
}

/// <summary>This client's own certificate cannot be used: missing, unreadable, expired, revoked or not the cluster's.</summary>
public sealed class ClientCertificateException(string message) : Exception(message);
