using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansHall.Security;

namespace OrleansHall.Web.Services;

/// <summary>
/// Owns the Orleans client. It connects in the background and keeps retrying, so the console serves
/// pages and /healthz even while the silo or PostgreSQL is not up yet.
/// </summary>
public sealed class ClusterConnection(
    IOptions<ClusterSettings> settings,
    IConfiguration configuration,
    ILogger<ClusterConnection> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private IHost? _clientHost;
    private volatile IClusterClient? _client;

    /// <summary>The connected client, or null while the cluster has not been reached yet.</summary>
    public IClusterClient? Client => _client;

    /// <summary>Why the last connection attempt failed, for the health report and the banner.</summary>
    public string? LastError { get; private set; }

    public IClusterClient RequireClient() =>
        _client ?? throw new ClusterUnavailableException(LastError);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var delay = TimeSpan.FromSeconds(1);
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            attempt++;
            IHost? host = null;
            try
            {
                host = BuildClientHost();
                await host.StartAsync(stoppingToken);
                _clientHost = host;
                _client = host.Services.GetRequiredService<IClusterClient>();
                LastError = null;
                logger.LogInformation("Connected to Orleans cluster '{ClusterId}' after {Attempts} attempt(s)", settings.Value.ClusterId, attempt);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await DisposeQuietlyAsync(host);
                return;
            }
            catch (Exception ex)
            {
                LastError = ex.GetBaseException().Message;
                logger.LogWarning("Orleans cluster not reachable yet (attempt {Attempt}): {Error}; retrying in {Delay}", attempt, LastError, delay);
                await DisposeQuietlyAsync(host);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _client = null;
        if (_clientHost is { } host)
        {
            await DisposeQuietlyAsync(host);
        }
    }

    private IHost BuildClientHost()
    {
        var options = settings.Value;
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Same log levels as the console; the inner host's own start/stop chatter (and its stack trace on
        // every failed attempt) is noise, the retry loop logs one line per attempt instead.
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole();
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            if (options.Gateways.Count > 0)
            {
                client.UseStaticClustering([.. options.Gateways]);
            }
            else
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = options.ConnectionString;
                });
            }

            if (options.Tls is { } tls)
            {
                // A missing or refused certificate fails this attempt with the reason, which the retry loop logs.
                client.UseClusterTls(tls, TimeProvider.System);
            }
        });
        return builder.Build();
    }

    private async Task DisposeQuietlyAsync(IHost? host)
    {
        if (host is null)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await host.StopAsync(timeout.Token);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Stopping a failed Orleans client");
        }

        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
