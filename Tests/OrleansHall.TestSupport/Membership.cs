using Npgsql;

namespace OrleansHall.TestSupport;

/// <summary>What the ADO.NET membership table says about a test cluster.</summary>
public static class Membership
{
    /// <summary>Silos of <paramref name="clusterId"/> marked active (status 3).</summary>
    public static async Task<long> ActiveSilosAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_silo WHERE deployment_id = @id AND status = 3", connection);
        command.Parameters.AddWithValue("id", clusterId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
