using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace OrleansHall.TestSupport;

/// <summary>An external Orleans client that finds gateways through the ADO.NET membership table, as devices do.</summary>
public sealed class ClusterClient(IHost host) : IAsyncDisposable
{
    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterClient> ConnectAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = clusterId;
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
