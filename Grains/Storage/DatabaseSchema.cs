using Npgsql;

namespace OrleansHall.Grains.Storage;

/// <summary>
/// Creates or repairs the database: the Orleans provider tables and queries and the application tables,
/// from the deploy/sql/*.sql scripts embedded in this assembly. Every script is idempotent.
/// </summary>
public static class DatabaseSchema
{
    private const string ResourcePrefix = "sql/";

    // Arbitrary but fixed: every silo starting against the same database takes the same lock.
    private const long AdvisoryLockKey = 0x4F726C48616C6C;

    /// <summary>The embedded script names in the order they are applied.</summary>
    public static IReadOnlyList<string> ScriptNames { get; } = typeof(DatabaseSchema).Assembly
        .GetManifestResourceNames()
        .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>
    /// Applies every script in file-name order in one transaction, serialised with other silos by an advisory lock.
    /// A failing script rolls everything back and throws <see cref="DatabaseSchemaException"/> naming the script.
    /// </summary>
    public static async Task ApplyAsync(string connectionString, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("Connection string is empty; expected e.g. 'Host=127.0.0.1;Port=55432;Username=orleanshall_owner;Database=orleanshall;Passfile=.data/pgpass'.", nameof(connectionString));
        }

        if (ScriptNames.Count == 0)
        {
            throw new DatabaseSchemaException($"No SQL scripts are embedded in {typeof(DatabaseSchema).Assembly.GetName().Name}; expected resources named 'sql/*.sql'.");
        }

        await using var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new DatabaseSchemaException(
                $"Cannot connect to PostgreSQL at '{Describe(connectionString)}' to apply the schema: {ex.Message}", ex);
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        foreach (var name in ScriptNames)
        {
            var sql = await ReadScriptAsync(name, ct);
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            try
            {
                await command.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException ex)
            {
                var where = ex.Position > 0 ? $" at character {ex.Position}" : string.Empty;
                throw new DatabaseSchemaException($"Schema script {name} failed{where}: {ex.SqlState} {ex.MessageText}", ex);
            }
        }

        await transaction.CommitAsync(ct);
    }

    private static async Task<string> ReadScriptAsync(string name, CancellationToken ct)
    {
        await using var stream = typeof(DatabaseSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new DatabaseSchemaException($"Embedded schema script {name} is missing.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct);
    }

    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
