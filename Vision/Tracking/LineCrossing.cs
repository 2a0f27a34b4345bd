namespace OrleansHall.Vision.Tracking;

/// <summary>A tracked person crossed the counting line; <paramref name="Inward"/> tells the direction.</summary>
public readonly record struct LineCrossing(long TrackId, bool Inward);
