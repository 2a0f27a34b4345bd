namespace OrleansHall.Clients.Vision;

/// <summary>Cosine similarity of the largest face of two images and whether it reaches the match threshold.</summary>
public sealed record ComparisonReport(double Similarity, bool Same, double Threshold);
