namespace OrleansHall.Grains.Storage;

/// <summary>The database schema could not be applied: the database is unreachable or a script failed.</summary>
public sealed class DatabaseSchemaException(string message, Exception? innerException = null)
    : Exception(message, innerException);
