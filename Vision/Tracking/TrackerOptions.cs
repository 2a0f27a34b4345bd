namespace OrleansHall.Vision.Tracking;

public sealed record TrackerOptions
{
    /// <summary>A detection overlapping a track's predicted box by at least this IoU continues that track.</summary>
    public float MinIou { get; init; } = 0.2f;

    /// <summary>Otherwise the nearest detection whose centre is within this many box heights continues it.</summary>
    public float MaxCentreDistance { get; init; } = 0.6f;

    /// <summary>Frames a track survives without detections (occlusion, a missed detection) before it ends.</summary>
    public int MaxMissed { get; init; } = 8;

    /// <summary>Matched frames before a track is confirmed.</summary>
    public int MinHits { get; init; } = 3;

    /// <summary>Weight of the newest motion in the smoothed velocity (0..1).</summary>
    public float VelocitySmoothing { get; init; } = 0.5f;

    public void Validate()
    {
        if (MinIou is <= 0f or > 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(MinIou), MinIou, "Expected an IoU in (0, 1].");
        }

        if (MaxCentreDistance <= 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCentreDistance), MaxCentreDistance, "Expected a positive number of box heights.");
        }

        if (MaxMissed < 0 || MinHits < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxMissed), $"MaxMissed {MaxMissed} / MinHits {MinHits}: expected MaxMissed >= 0 and MinHits >= 1.");
        }

        if (VelocitySmoothing is < 0f or > 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(VelocitySmoothing), VelocitySmoothing, "Expected a weight between 0 and 1.");
        }
    }
}
