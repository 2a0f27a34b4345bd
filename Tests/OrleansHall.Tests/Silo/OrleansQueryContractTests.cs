using System.Data;
using Npgsql;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Silo;

/// <summary>
/// Runs the stored OrleansQuery texts the way the Orleans ADO.NET providers do (same parameter names and
/// DbTypes) to pin down the optimistic-concurrency answers a live cluster rarely exercises.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OrleansQueryContractTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string Service = "svc";
    private NpgsqlDataSource _database = null!;

    public async Task InitializeAsync() => _database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Grain_state_writes_need_the_version_they_read()
    {
        var first = await WriteStateAsync(version: null, "{\"n\":1}");
        var racingInsert = await WriteStateAsync(version: null, "{\"n\":99}");
        var second = await WriteStateAsync(version: first, "{\"n\":2}");
        var stale = await WriteStateAsync(version: first, "{\"n\":98}");

        Assert.Equal(1, first);
        Assert.Null(racingInsert);
        Assert.Equal(2, second);
        Assert.Null(stale);
        Assert.Equal(("{\"n\":2}", 2), await ReadStateAsync());
    }

    [Fact]
    public async Task Clearing_keeps_counting_versions_and_a_stale_clear_is_reported()
    {
        var written = await WriteStateAsync(version: null, "{}");

        var stale = await ClearStateAsync("ClearStorageKey", written!.Value + 5);
        var cleared = await ClearStateAsync("ClearStorageKey", written.Value);
        var rewritten = await WriteStateAsync(version: cleared, "{\"again\":true}");

        Assert.Equal(written + 5, stale);
        Assert.Equal(written + 1, cleared);
        Assert.Equal(cleared + 1, rewritten);
    }

    [Fact]
    public async Task Deleting_state_removes_the_row_so_the_next_write_starts_over()
    {
        var written = await WriteStateAsync(version: null, "{}");

        var deleted = await ClearStateAsync("DeleteStorageKey", written!.Value);
        var fresh = await WriteStateAsync(version: null, "{\"new\":1}");

        Assert.Equal(written + 1, deleted);
        Assert.Equal(1, fresh);
    }

    [Fact]
    public async Task Membership_changes_need_the_table_version_they_read()
    {
        const string cluster = "membership";
        Assert.True(await ReadBoolAsync("InsertMembershipVersionKey", Cluster(cluster)));
        Assert.False(await ReadBoolAsync("InsertMembershipVersionKey", Cluster(cluster)));

        Assert.True(await ReadBoolAsync("InsertMembershipKey", [.. Cluster(cluster), .. Silo(11111), .. NewRow(), Int("Version", 0)]));
        Assert.False(await ReadBoolAsync("InsertMembershipKey", [.. Cluster(cluster), .. Silo(11112), .. NewRow(), Int("Version", 0)]));
        Assert.False(await ReadBoolAsync("UpdateMembershipKey", [.. Cluster(cluster), .. Silo(11111), .. Update(6), Int("Version", 0)]));
        Assert.True(await ReadBoolAsync("UpdateMembershipKey", [.. Cluster(cluster), .. Silo(11111), .. Update(3), Int("Version", 1)]));

        var rows = await ReadMembershipAsync(cluster);
        Assert.Equal([(11111, 3, 2)], rows);
    }

    [Fact]
    public async Task Inserting_a_silo_twice_does_not_bump_the_table_version()
    {
        const string cluster = "twice";
        await ReadBoolAsync("InsertMembershipVersionKey", Cluster(cluster));
        await ReadBoolAsync("InsertMembershipKey", [.. Cluster(cluster), .. Silo(11111), .. NewRow(), Int("Version", 0)]);

        Assert.False(await ReadBoolAsync("InsertMembershipKey", [.. Cluster(cluster), .. Silo(11111), .. NewRow(), Int("Version", 1)]));
        Assert.Equal([(11111, 3, 1)], await ReadMembershipAsync(cluster));
    }

    [Fact]
    public async Task Reminder_versions_guard_deletes_and_ring_ranges_wrap()
    {
        var low = await UpsertReminderAsync("grain-low", hash: -1000);
        var high = await UpsertReminderAsync("grain-high", hash: 1000);
        var highAgain = await UpsertReminderAsync("grain-high", hash: 1000);

        Assert.Equal((0, 0, 1), (low, high, highAgain));
        Assert.Equal(["grain-high"], await ReminderRangeAsync("ReadRangeRows1Key", 0, 2000));
        Assert.Equal(["grain-high", "grain-low"], await ReminderRangeAsync("ReadRangeRows2Key", 500, -500));
        Assert.Equal(["grain-low"], await ReminderRangeAsync("ReadRangeRows2Key", 1000, -999));

        Assert.False(await ReadBoolAsync("DeleteReminderRowKey", [.. Reminder("grain-high"), Int("Version", 0)]));
        Assert.True(await ReadBoolAsync("DeleteReminderRowKey", [.. Reminder("grain-high"), Int("Version", 1)]));
        Assert.Equal(["grain-low"], await ReminderRangeAsync("ReadRangeRows2Key", 0, 0));
    }

    private static NpgsqlParameter Int(string name, int? value) => new(name, DbType.Int32) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Text(string name, string? value) => new(name, DbType.String) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Time(string name, DateTime value) => new(name, DbType.DateTime) { Value = value };

    private static NpgsqlParameter[] Cluster(string id) => [Text("DeploymentId", id)];

    private static NpgsqlParameter[] Silo(int port) =>
        [new NpgsqlParameter("Address", DbType.AnsiString) { Value = "127.0.0.1" }, Int("Port", port), Int("Generation", 7)];

    private static NpgsqlParameter[] NewRow() =>
    [
        Text("SiloName", "silo"), Text("HostName", "host"), Int("Status", 3), Int("ProxyPort", 30000),
        Time("StartTime", DateTime.UtcNow), Time("IAmAliveTime", DateTime.UtcNow),
    ];

    private static NpgsqlParameter[] Update(int status) =>
        [Int("Status", status), Text("SuspectTimes", null), Time("IAmAliveTime", DateTime.UtcNow)];

    private static NpgsqlParameter[] Reminder(string grainId) =>
        [Text("ServiceId", Service), new NpgsqlParameter("GrainId", DbType.AnsiString) { Value = grainId }, Text("ReminderName", "r")];

    private static NpgsqlParameter[] GrainKey() =>
    [
        Int("GrainIdHash", 42), new NpgsqlParameter("GrainIdN0", DbType.Int64) { Value = 0L },
        new NpgsqlParameter("GrainIdN1", DbType.Int64) { Value = 0L }, Int("GrainTypeHash", 7),
        Text("GrainTypeString", "hall"), Text("GrainIdExtensionString", "zhenhai"), Text("ServiceId", Service),
    ];

    private async Task<int?> WriteStateAsync(int? version, string json)
    {
        var value = await ScalarAsync("WriteToStorageKey",
            [.. GrainKey(), Int("GrainStateVersion", version), new NpgsqlParameter("PayloadBinary", DbType.Binary) { Value = System.Text.Encoding.UTF8.GetBytes(json) }]);
        return value is int v ? v : null;
    }

    private async Task<int?> ClearStateAsync(string key, int version) =>
        await ScalarAsync(key, [.. GrainKey(), Int("GrainStateVersion", version)]) is int v ? v : null;

    private async Task<(string Json, int Version)> ReadStateAsync()
    {
        await using var command = await CommandAsync("ReadFromStorageKey", GrainKey());
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var result = (System.Text.Encoding.UTF8.GetString((byte[])reader["PayloadBinary"]), reader.GetInt32(reader.GetOrdinal("Version")));
        Assert.False(await reader.ReadAsync());
        return result;
    }

    private async Task<int> UpsertReminderAsync(string grainId, int hash) =>
        Convert.ToInt32(await ScalarAsync("UpsertReminderRowKey",
            [.. Reminder(grainId), Time("StartTime", DateTime.UtcNow), Int("Period", 60_000), Int("GrainHash", hash)]));

    private async Task<string[]> ReminderRangeAsync(string key, int begin, int end)
    {
        await using var command = await CommandAsync(key, [Text("ServiceId", Service), Int("BeginHash", begin), Int("EndHash", end)]);
        await using var reader = await command.ExecuteReaderAsync();
        var grains = new List<string>();
        while (await reader.ReadAsync())
        {
            grains.Add(reader.GetString(reader.GetOrdinal("GrainId")));
        }

        return [.. grains.Order(StringComparer.Ordinal)];
    }

    private async Task<(int Port, int Status, int Version)[]> ReadMembershipAsync(string cluster)
    {
        await using var command = await CommandAsync("MembershipReadAllKey", Cluster(cluster));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, int, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(reader.GetOrdinal("Port")), reader.GetInt32(reader.GetOrdinal("Status")), reader.GetInt32(reader.GetOrdinal("Version"))));
        }

        return [.. rows];
    }

    private async Task<bool> ReadBoolAsync(string key, NpgsqlParameter[] parameters) =>
        Convert.ToBoolean(await ScalarAsync(key, parameters));

    private async Task<object?> ScalarAsync(string key, NpgsqlParameter[] parameters)
    {
        await using var command = await CommandAsync(key, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"{key} returned no row");
        Assert.Equal(1, reader.FieldCount);
        var value = reader.IsDBNull(0) ? null : reader.GetValue(0);
        Assert.False(await reader.ReadAsync(), $"{key} returned more than one row");
        return value;
    }

    private async Task<NpgsqlCommand> CommandAsync(string key, NpgsqlParameter[] parameters)
    {
        await using var lookup = _database.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key");
        lookup.Parameters.AddWithValue("key", key);
        var text = (string)(await lookup.ExecuteScalarAsync() ?? throw new Xunit.Sdk.XunitException($"No query {key}"));
        var command = _database.CreateCommand(text);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
