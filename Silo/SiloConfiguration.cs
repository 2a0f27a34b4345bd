using System.Data.Common;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;
using OrleansHall.Grains;

namespace OrleansHall.Silo;

/// <summary>How every OrleansHall silo is put together: PostgreSQL for membership, grain state and reminders.</summary>
public static class SiloConfiguration
{
    /// <summary>The ADO.NET invariant the Orleans providers resolve Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    public static void Configure(ISiloBuilder silo, SiloSettings settings)
    {
        settings.Validate();

        // Orleans looks the provider factory up by invariant name; registering it avoids reflection fallbacks.
        DbProviderFactories.RegisterFactory(Invariant, NpgsqlFactory.Instance);

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });
        silo.Configure<SiloOptions>(options =>
            options.SiloName = settings.SiloName ?? $"{Environment.MachineName}-{settings.SiloPort}");
        silo.ConfigureEndpoints(settings.AdvertisedIP, settings.SiloPort, settings.GatewayPort);

        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = settings.ConnectionString;
        });

        // JSON without .NET type names: state rows stay readable and survive type renames.
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.AddAdoNetGrainStorage(StorageNames.Grains, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = settings.ConnectionString;
        });

        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = settings.ConnectionString;
        });

        silo.AddOrleansHallGrains(settings.ConnectionString);

        if (settings.Dashboard)
        {
            silo.AddDashboard();
        }
    }
}
