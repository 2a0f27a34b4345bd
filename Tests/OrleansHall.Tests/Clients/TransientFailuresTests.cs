using Orleans.Runtime;
using OrleansHall.Clients.Cluster;
using OrleansHall.Common;

namespace OrleansHall.Tests.Clients;

public sealed class TransientFailuresTests
{
    [Fact]
    public void An_unreachable_or_slow_cluster_is_worth_retrying()
    {
        Assert.True(TransientFailures.IsTransient(new SiloUnavailableException("silo gone")));
        Assert.True(TransientFailures.IsTransient(new OrleansException("wrapped", new SiloUnavailableException("gone"))));
        Assert.True(TransientFailures.IsTransient(new TimeoutException("30 s")));
        Assert.True(TransientFailures.IsTransient(new AggregateException(new TimeoutException())));
    }

    [Fact]
    public void The_cluster_saying_no_is_final()
    {
        Assert.False(TransientFailures.IsTransient(new UnknownEntityException("hall", "nowhere")));
        Assert.False(TransientFailures.IsTransient(new RejectedRequestException("not an infrared sensor")));
        Assert.False(TransientFailures.IsTransient(new ArgumentException("bad")));
    }
}
