using System.Collections.Immutable;

namespace OrleansHall.Gallery;

/// <summary>
/// What is stored sealed by the biometric vault, for key rotation (a single grain, key 0): every region gallery and
/// every held ID document, read from grain storage, and the key that seals now.
/// </summary>
public interface IBiometricStoreGrain : IGrainWithIntegerKey
{
    Task<SealedInventory> ListSealedAsync();
}

/// <summary>The holders of sealed data (<see cref="SealedHolder.Kind"/> "gallery" keyed by region, "identity" by customer) and the current key.</summary>
[GenerateSerializer, Immutable]
public sealed record SealedInventory(
    [property: Id(0)] string CurrentKeyId,
    [property: Id(1)] ImmutableArray<SealedHolder> Holders);

[GenerateSerializer, Immutable]
public sealed record SealedHolder(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Id)
{
    public const string Gallery = "gallery";
    public const string Identity = "identity";
}
