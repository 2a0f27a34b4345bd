namespace OrleansHall.Common;

/// <summary>
/// The cluster could not make a request durable for a passing reason (the database is down or failing over, a
/// silo is leaving). Nothing was changed: the caller retries the same request, with the same event id, later.
/// It crosses to clients in place of storage exceptions (an Npgsql exception has no Orleans codec).
/// </summary>
[GenerateSerializer]
public sealed class TransientFaultException(string message) : Exception(message);
