namespace OrleansHall.Common;

/// <summary>
/// A request named a hall, device, camera, customer or staff member that has not been registered.
/// </summary>
[GenerateSerializer]
public sealed class UnknownEntityException : Exception
{
    public UnknownEntityException(string kind, string id)
        : base($"Unknown {kind} '{id}': register it first.")
    {
        Kind = kind;
        Id = id;
    }

    [Id(0)] public string Kind { get; }
    [Id(1)] public string Id { get; }
}
