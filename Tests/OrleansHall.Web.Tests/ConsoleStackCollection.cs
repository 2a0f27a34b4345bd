namespace OrleansHall.Web.Tests;

/// <summary>One PostgreSQL, silo, console and browser shared by every console test.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleStackCollection : ICollectionFixture<ConsoleStack>
{
    public const string Name = "console stack";
}
