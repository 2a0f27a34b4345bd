using System.Data.Common;
using System.Net.Sockets;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using OrleansHall.Common;

namespace OrleansHall.Clients.Cluster;

/// <summary>Tells failures worth retrying (cluster unreachable, restarting, slow) from the cluster saying no.</summary>
public static class TransientFailures
{
    /// <summary>
    /// The cluster answered no on the merits of the request (unknown id, bad value). Only these let a device
    /// drop a reading; any other failure, known or not, keeps it for another try.
    /// </summary>
    public static bool IsRefusal(Exception error) => error switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsRefusal),
        RejectedRequestException or UnknownEntityException => true,
        // A grain that refused to activate (its id cannot be stored) arrives wrapped by Orleans.
        OrleansException when error.InnerException is { } inner => IsRefusal(inner),
        _ => false,
    };

    public static bool IsTransient(Exception error) => error switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
        TransientFaultException => true,
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
