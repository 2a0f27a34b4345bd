namespace OrleansHall.Grains.Gallery;

/// <summary>The gallery as stored: person ids and templates sealed together by <see cref="BiometricVault"/>.</summary>
[GenerateSerializer]
public sealed record FaceGalleryState
{
    [Id(0)] public byte[]? Sealed { get; init; }

    [Id(1)] public int Count { get; init; }
}
