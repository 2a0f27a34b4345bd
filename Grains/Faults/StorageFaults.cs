using System.Data.Common;
using System.Net.Sockets;
using Npgsql;
using Orleans.Storage;

namespace OrleansHall.Grains.Faults;

/// <summary>Tells a failure of the infrastructure (database, network, a silo leaving) from a fault in the request or the code.</summary>
public static class StorageFaults
{
    /// <summary>
    /// True when the failure says nothing about the request: the database is down, restarting or failing over, a
    /// connection broke, a write raced a stale copy of the state. Retrying later with the same event id is right.
    /// </summary>
    public static bool IsInfrastructure(Exception error) => error switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsInfrastructure),
        PostgresException postgres => !IsDataError(postgres),
        DbException => true,
        InconsistentStateException => true,
        SocketException or IOException or TimeoutException => true,
        EventLogUnavailableException => true,
        OrleansHall.Common.TransientFaultException => true,
        _ => error.InnerException is { } inner && IsInfrastructure(inner),
    };

    /// <summary>The transient fault somewhere in the chain (the storage wrapper's, wrapped again by Orleans), or null.</summary>
    public static OrleansHall.Common.TransientFaultException? FindTransient(Exception error) => error switch
    {
        OrleansHall.Common.TransientFaultException transient => transient,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindTransient).FirstOrDefault(t => t is not null),
        _ => error.InnerException is { } inner ? FindTransient(inner) : null,
    };

    /// <summary>The database refused a value (class 22, data exception: bad encoding, out of range): a fault of the request.</summary>
    public static bool IsDataError(PostgresException error) => error.SqlState.StartsWith("22", StringComparison.Ordinal);

    /// <summary>One line naming the innermost cause, for logs and for the caller.</summary>
    public static string Describe(Exception error)
    {
        var root = error;
        while (root.InnerException is { } inner)
        {
            root = inner;
        }

        var message = root.Message;
        var newline = message.IndexOfAny(['\r', '\n']);
        return $"{root.GetType().Name}: {(newline < 0 ? message : message[..newline])}";
    }
}
