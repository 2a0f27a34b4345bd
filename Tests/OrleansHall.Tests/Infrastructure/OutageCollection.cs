namespace OrleansHall.Tests.Infrastructure;

/// <summary>
/// Tests that stop their database share a cluster of their own on a PostgreSQL of their own, so an outage
/// never reaches the other grain tests running beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OutageCollection : ICollectionFixture<OutageClusterFixture>
{
    public const string Name = "outage";
}

/// <summary>A <see cref="ClusterFixture"/> whose database the tests may stop and start.</summary>
public sealed class OutageClusterFixture : ClusterFixture;
