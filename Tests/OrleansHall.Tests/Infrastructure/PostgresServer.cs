using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;
using OrleansHall.Grains.Storage;

namespace OrleansHall.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL 15 for the whole test run, started with deploy/postgres.sh in a temporary
/// directory on a free loopback port, and stopped and deleted afterwards. Each test class asks for its
/// own database so tests never see each other's rows.
/// </summary>
public sealed partial class PostgresServer : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    private DirectoryInfo? _root;
    private string? _dataDirectory;
    private string? _script;

    public int Port { get; private set; }

    public string ConnectionStringFor(string database)
    {
        if (Port == 0)
        {
            throw new InvalidOperationException("The PostgreSQL test server has not started; use it as an xunit collection fixture.");
        }

        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";
    }

    /// <summary>Creates a fresh database with the OrleansHall schema applied and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= $"test_{Guid.NewGuid():N}"[..21];
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"Database name '{name}' is invalid; expected 1-63 lowercase letters, digits or '_', starting with a letter.", nameof(name));
        }

        await using (var connection = new NpgsqlConnection(ConnectionStringFor("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var connectionString = ConnectionStringFor(name);
        await DatabaseSchema.ApplyAsync(connectionString);
        return connectionString;
    }

    public async Task InitializeAsync()
    {
        _script = Path.Combine(FindRepositoryRoot(), "deploy", "postgres.sh");
        _root = Directory.CreateTempSubdirectory("orleanshall-pg-");
        _dataDirectory = Path.Combine(_root.FullName, "data");

        // A free port can be taken between probing and binding; try a few.
        Exception? lastError = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreePorts(1)[0];
            try
            {
                await RunScriptAsync("start", _dataDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
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

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            await RunScriptAsync("stop", _dataDirectory);
        }

        _root?.Delete(recursive: true);
    }

    private async Task RunScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(_script!);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {_script}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"postgres.sh {string.Join(' ', arguments)} did not finish within {ScriptTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"postgres.sh {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }

    /// <summary>Distinct loopback ports that were free a moment ago.</summary>
    internal static int[] FreePorts(int count)
    {
        // All listeners stay open until every port is picked, so the same port is never handed out twice.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    internal static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansHall.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No OrleansHall.sln above {AppContext.BaseDirectory}; run the tests from inside the repository.");
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
