namespace OrleansHall.Gallery;

/// <summary>The enrolled person a face belongs to, and how sure the match is (cosine similarity).</summary>
[GenerateSerializer, Immutable]
public sealed record GalleryHit([property: Id(0)] string PersonId, [property: Id(1)] float Similarity);
