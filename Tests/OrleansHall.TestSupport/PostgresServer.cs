using System.Text.RegularExpressions;
using Npgsql;
using Xunit;
using OrleansHall.Grains.Storage;

namespace OrleansHall.TestSupport;

/// <summary>
/// A throwaway PostgreSQL 15 for the whole test run, started with deploy/postgres.sh in a temporary
/// directory on a free loopback port, and stopped and deleted afterwards. Each test class asks for its
/// own database so tests never see each other's rows. Its roles are production's: silos and tests that play them use
/// the application role (<see cref="ConnectionStringFor"/>), the schema is made by the owner role, and the superuser
/// answers only over the Unix socket.
/// </summary>
public sealed partial class PostgresServer : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    private DirectoryInfo? _root;
    private string? _dataDirectory;
    private string? _script;

    private readonly Dictionary<string, string> _connectionStrings = [];

    public int Port { get; private set; }

    /// <summary>The application role's connection string (what silos use): rows only, the event log append-only.</summary>
    public string ConnectionStringFor(string database) => ConnectionStringFor("app", database);

    /// <summary>The owner role's: it owns the schema and runs the migrations.</summary>
    public string OwnerConnectionStringFor(string database) => ConnectionStringFor("owner", database);

    /// <summary>The superuser's, over the Unix socket (peer authentication).</summary>
    public string SuperuserConnectionStringFor(string database) => ConnectionStringFor("superuser", database);

    private string ConnectionStringFor(string role, string database)
    {
        if (Port == 0)
        {
            throw new InvalidOperationException("The PostgreSQL test server has not started; use it as an xunit collection fixture.");
        }

        return new NpgsqlConnectionStringBuilder(_connectionStrings[role]) { Database = database }.ConnectionString;
    }

    /// <summary>
    /// Creates a fresh database owned by the owner role, with the OrleansHall schema applied by that role, and returns
    /// the application role's connection string for it.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name = await CreateEmptyDatabaseAsync(name);
        await DatabaseSchema.ApplyAsync(OwnerConnectionStringFor(name));
        return ConnectionStringFor(name);
    }

    /// <summary>Creates an empty database owned by the owner role and returns its name.</summary>
    public async Task<string> CreateEmptyDatabaseAsync(string? name = null)
    {
        name ??= $"test_{Guid.NewGuid():N}"[..21];
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"Database name '{name}' is invalid; expected 1-63 lowercase letters, digits or '_', starting with a letter.", nameof(name));
        }

        await using var connection = new NpgsqlConnection(SuperuserConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" OWNER orleanshall_owner", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    public async Task InitializeAsync()
    {
        _script = Path.Combine(Repository.Root, "deploy", "postgres.sh");
        _root = Directory.CreateTempSubdirectory("orleanshall-pg-");
        _dataDirectory = Path.Combine(_root.FullName, "data");

        // A free port can be taken between probing and binding; try a few.
        Exception? lastError = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreePorts.Take(1)[0];
            try
            {
                await RunScriptAsync("start", _dataDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                foreach (var role in new[] { "app", "owner", "superuser" })
                {
                    _connectionStrings[role] = (await RunScriptAsync("connection", _dataDirectory, role)).Trim();
                }

                Port = port;
                return;
            }
            catch (InvalidOperationException ex)
            {
                lastError = ex;
            }
        }

        throw new InvalidOperationException("Could not start the PostgreSQL test server.", lastError);
    }

    /// <summary>Stops the server (fast shutdown), as maintenance or a crash would; <see cref="StartAgainAsync"/> brings it back.</summary>
    public Task StopAsync() => RunScriptAsync("stop", _dataDirectory ?? throw new InvalidOperationException("The server never started."));

    /// <summary>Starts the stopped server again on the same port with the same data.</summary>
    public Task StartAgainAsync()
        => RunScriptAsync("start", _dataDirectory ?? throw new InvalidOperationException("The server never started."),
            Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Freezes the server and all its backends (SIGSTOP), as an overloaded or swapping host would: connections stay
    /// open but nothing answers. <see cref="ResumeAsync"/> thaws it.
    /// </summary>
    public Task PauseAsync() => SignalAsync("STOP");

    public Task ResumeAsync() => SignalAsync("CONT");

    private Task SignalAsync(string signal)
    {
        var pidFile = Path.Combine(_dataDirectory ?? throw new InvalidOperationException("The server never started."), "postmaster.pid");
        return ChildProcess.RunAsync("bash", ["-c", $"pid=$(head -1 '{pidFile}') && kill -{signal} $pid $(pgrep -P $pid)"], ScriptTimeout);
    }

    /// <summary>Stops the server and deletes its files; a second call does nothing.</summary>
    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _root, null) is not { } root)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            await RunScriptAsync("stop", _dataDirectory);
        }

        root.Delete(recursive: true);
    }

    private Task<string> RunScriptAsync(params string[] arguments) => ChildProcess.RunAsync("bash", [_script!, .. arguments], ScriptTimeout);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
