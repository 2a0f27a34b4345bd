namespace OrleansHall.Tests.Infrastructure;

/// <summary>Test classes in this collection share one <see cref="PostgresServer"/> for the run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
