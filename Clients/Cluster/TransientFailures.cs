using System.Data.Common;
using System.Net.Sockets;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace OrleansHall.Clients.Cluster;

/// <summary>Tells failures worth retrying (cluster unreachable, restarting, slow) from the cluster saying no.</summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception error) => error switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
        SiloUnavailableException => true,
        OrleansMessageRejectionException => true,
        ConnectionFailedException => true,
        GatewayTooBusyException => true,
        TimeoutException => true,
        SocketException => true,
        IOException => true,
        DbException => true, // the membership database is down or restarting
        OrleansException when error.InnerException is { } inner => IsTransient(inner),
        _ => false,
    };
}
