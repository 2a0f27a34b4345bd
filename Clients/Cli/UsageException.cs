namespace OrleansHall.Clients.Cli;

/// <summary>The command line was wrong; the message says what and what was expected. Exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
