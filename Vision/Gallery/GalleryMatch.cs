namespace OrleansHall.Vision.Gallery;

/// <summary>An enrolled identity and how similar (cosine, -1..1) it is to the probe.</summary>
public readonly record struct GalleryMatch(string Id, float Similarity);
