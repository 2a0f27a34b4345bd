using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace OrleansHall.TestSupport;

/// <summary>Every row of every table as text, as `pg_dump` (and so a backup) would hold it.</summary>
public static class DatabaseDump
{
    /// <summary>Dumps the database of <paramref name="connectionString"/> as the server's owner role, as a backup would run.</summary>
    public static async Task<string> OfAsync(PostgresServer server, string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var builder = new NpgsqlConnectionStringBuilder(server.OwnerConnectionStringFor(database));
        var start = new ProcessStartInfo("/usr/lib/postgresql/15/bin/pg_dump",
            ["--data-only", "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, builder.Database!])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        if (builder.Passfile is { } passfile)
        {
            start.Environment["PGPASSFILE"] = passfile;
        }

        using var dump = Process.Start(start)!;
        var output = dump.StandardOutput.ReadToEndAsync();
        var error = dump.StandardError.ReadToEndAsync();
        await dump.WaitForExitAsync();
        return dump.ExitCode == 0 ? await output : throw new Xunit.Sdk.XunitException($"pg_dump exited {dump.ExitCode}: {await error}");
    }
}
