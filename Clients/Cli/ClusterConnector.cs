namespace OrleansHall.Clients.Cli;

/// <summary>Opens a connection to the cluster for a verb; <paramref name="giveUpAfter"/> null means wait as long as it takes.</summary>
public delegate Task<(IGrainFactory Grains, IAsyncDisposable Connection)> ClusterConnector(
    System.CommandLine.ParseResult args, TimeSpan? giveUpAfter, CancellationToken cancellationToken);
