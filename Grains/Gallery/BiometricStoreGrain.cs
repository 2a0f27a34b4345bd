using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using OrleansHall.Gallery;

namespace OrleansHall.Grains.Gallery;

/// <summary>
/// Lists the grains that hold sealed biometric data, from grain storage itself (rows of the "gallery" and "identity"
/// states of this service), so a key rotation misses none, whatever the directories say.
/// </summary>
public sealed class BiometricStoreGrain(BiometricStateCatalog catalog, BiometricVault vault, IOptions<ClusterOptions> cluster) : Grain, IBiometricStoreGrain
{
    public async Task<SealedInventory> ListSealedAsync()
        => new(vault.CurrentKeyId, await catalog.ListAsync(cluster.Value.ServiceId));
}

/// <summary>Reads which galleries and identity documents grain storage holds (PostgreSQL).</summary>
public sealed class BiometricStateCatalog(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task<ImmutableArray<SealedHolder>> ListAsync(string serviceId)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT grain_type, grain_id_ext FROM orleans_grain_state
            WHERE service_id = @service AND grain_type IN ('gallery', 'identity') AND payload IS NOT NULL AND grain_id_ext IS NOT NULL
            ORDER BY grain_type, grain_id_ext
            """);
        command.Parameters.AddWithValue("service", serviceId);
        await using var reader = await command.ExecuteReaderAsync();
        var holders = ImmutableArray.CreateBuilder<SealedHolder>();
        while (await reader.ReadAsync())
        {
            holders.Add(new SealedHolder(reader.GetString(0) == "gallery" ? SealedHolder.Gallery : SealedHolder.Identity, reader.GetString(1)));
        }

        return holders.ToImmutable();
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
