namespace OrleansHall.Vision.Geometry;

/// <summary>A detector's candidate box with its confidence.</summary>
public readonly record struct ScoredBox(Box Box, float Score);
