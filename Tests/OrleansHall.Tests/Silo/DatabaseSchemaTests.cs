using Npgsql;
using OrleansHall.Grains.Storage;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Silo;

[Collection(PostgresCollection.Name)]
public sealed class DatabaseSchemaTests(PostgresServer postgres)
{
    // What the Orleans 10.4.2 ADO.NET providers refuse to start without.
    private static readonly string[] RequiredQueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey",
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey",
        "UpdateMembershipKey",
        "ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "ReadReminderRowKey", "ReadReminderRowsKey", "UpsertReminderRowKey",
    ];

    [Fact]
    public void Every_deploy_sql_script_is_embedded_in_file_name_order()
    {
        var onDisk = Directory.GetFiles(Path.Combine(Repository.Root, "deploy", "sql"), "*.sql")
            .Select(path => "sql/" + Path.GetFileName(path))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(onDisk, DatabaseSchema.ScriptNames);
        Assert.Equal("sql/001-orleans-main.sql", DatabaseSchema.ScriptNames[0]);
    }

    [Fact]
    public async Task Schema_applies_twice_and_leaves_every_query_the_providers_require()
    {
        var database = await postgres.CreateEmptyDatabaseAsync();

        await DatabaseSchema.ApplyAsync(postgres.OwnerConnectionStringFor(database));
        await DatabaseSchema.ApplyAsync(postgres.OwnerConnectionStringFor(database));

        // Read by the application role, as the providers do.
        var keys = await QueryKeysAsync(postgres.ConnectionStringFor(database));
        Assert.Empty(RequiredQueryKeys.Except(keys));
    }

    [Theory]
    [InlineData("UPDATE hall_events SET kind = 'document-read-hidden'")]
    [InlineData("DELETE FROM hall_events")]
    [InlineData("TRUNCATE hall_events")]
    public async Task The_event_log_refuses_every_change_and_removal_even_to_the_superuser(string sql)
    {
        var database = await postgres.CreateEmptyDatabaseAsync();
        await DatabaseSchema.ApplyAsync(postgres.OwnerConnectionStringFor(database));
        var superuser = postgres.SuperuserConnectionStringFor(database);
        await InsertAuditEventAsync(superuser);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(superuser, sql));

        Assert.Contains("append-only", refused.MessageText);
        Assert.Equal("audit:zhenhai document-read", await ScalarAsync<string>(superuser, "SELECT hall_id || ' ' || kind FROM hall_events"));
        Assert.Equal(1L, await ScalarAsync<long>(superuser, "SELECT count(*) FROM hall_events"));
    }

    [Theory]
    [InlineData("UPDATE hall_events SET kind = 'document-read-hidden'")]
    [InlineData("DELETE FROM hall_events")]
    [InlineData("TRUNCATE hall_events")]
    [InlineData("DROP TRIGGER hall_events_rows_append_only ON hall_events")]
    [InlineData("ALTER TABLE hall_events DISABLE TRIGGER ALL")]
    [InlineData("UPDATE OrleansQuery SET QueryText = 'SELECT 1' WHERE QueryKey = 'ReadFromStorageKey'")]
    [InlineData("CREATE TABLE squatter (id int)")]
    public async Task The_application_role_may_append_and_read_events_but_not_change_them_or_the_schema(string sql)
    {
        var app = await postgres.CreateDatabaseAsync();
        await InsertAuditEventAsync(app);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, sql));

        // Refused for want of privilege, before the append-only trigger is even reached (which raises the same code).
        Assert.True(refused.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{refused.SqlState}: {refused.MessageText}");
        Assert.DoesNotContain("append-only", refused.MessageText);
        Assert.False(await ScalarAsync<bool>(app, "SELECT has_table_privilege(current_user, 'hall_events', 'UPDATE') OR has_table_privilege(current_user, 'hall_events', 'DELETE') OR has_table_privilege(current_user, 'hall_events', 'TRUNCATE')"));
        Assert.Equal(1L, await ScalarAsync<long>(app, "SELECT count(*) FROM hall_events"));
        Assert.Equal(0L, await ScalarAsync<long>(app, "SELECT count(*) FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole OR rolcreatedb)"));
    }

    [Fact]
    public async Task The_superuser_is_refused_over_tcp_and_the_roles_need_their_passwords()
    {
        var database = await postgres.CreateEmptyDatabaseAsync();
        var overTcp = new NpgsqlConnectionStringBuilder(postgres.ConnectionStringFor(database)) { Username = "postgres", Passfile = null, Password = "postgres" };
        var noPassword = new NpgsqlConnectionStringBuilder(postgres.ConnectionStringFor(database)) { Passfile = null };
        var wrongPassword = new NpgsqlConnectionStringBuilder(postgres.ConnectionStringFor(database)) { Passfile = null, Password = "guess" };

        var superuser = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(overTcp.ConnectionString, "SELECT 1"));
        var nothing = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsync(noPassword.ConnectionString, "SELECT 1"));
        var guessed = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(wrongPassword.ConnectionString, "SELECT 1"));

        Assert.Equal(PostgresErrorCodes.InvalidAuthorizationSpecification, superuser.SqlState); // pg_hba "reject"
        Assert.Contains("password", nothing.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(PostgresErrorCodes.InvalidPassword, guessed.SqlState);
        Assert.Equal(1, await ScalarAsync<int>(postgres.SuperuserConnectionStringFor(database), "SELECT 1"));
    }

    [Fact]
    public async Task Two_silos_applying_the_schema_at_once_both_succeed()
    {
        var connectionString = postgres.OwnerConnectionStringFor(await postgres.CreateEmptyDatabaseAsync());

        await Task.WhenAll(DatabaseSchema.ApplyAsync(connectionString), DatabaseSchema.ApplyAsync(connectionString));

        Assert.Empty(RequiredQueryKeys.Except(await QueryKeysAsync(connectionString)));
    }

    [Fact]
    public async Task A_failing_script_is_named_and_leaves_nothing_behind()
    {
        var connectionString = postgres.OwnerConnectionStringFor(await postgres.CreateEmptyDatabaseAsync());
        // A view squatting on a table name makes the clustering script's foreign key fail.
        await ExecuteAsync(connectionString, "CREATE VIEW orleans_cluster_version AS SELECT 'x'::text AS deployment_id");

        var error = await Assert.ThrowsAsync<DatabaseSchemaException>(() => DatabaseSchema.ApplyAsync(connectionString));

        Assert.Contains("sql/002-orleans-clustering.sql", error.Message);
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'orleansquery'"));
    }

    [Fact]
    public async Task An_unreachable_database_is_reported_with_its_address()
    {
        var connectionString = "Host=127.0.0.1;Port=1;Username=postgres;Database=nowhere;Timeout=3";

        var error = await Assert.ThrowsAsync<DatabaseSchemaException>(() => DatabaseSchema.ApplyAsync(connectionString));

        Assert.Contains("127.0.0.1:1/nowhere", error.Message);
    }

    private static Task InsertAuditEventAsync(string connectionString) => ExecuteAsync(connectionString, """
        INSERT INTO hall_events (event_id, hall_id, kind, subject, occurred_at, payload)
        VALUES (gen_random_uuid(), 'audit:zhenhai', 'document-read', 'cust-1', '2026-11-30T09:00:00Z', '{}')
        """);

    private static async Task<string[]> QueryKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return [.. keys];
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
