namespace OrleansHall.Tests.Infrastructure;

/// <summary>Grain tests share one in-process cluster on one throwaway PostgreSQL.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
