namespace OrleansHall.Vision.People;

public sealed record PeopleDetectorOptions
{
    /// <summary>
    /// Search only where MOG2 saw motion, with a full-frame keyframe every <see cref="KeyframeEvery"/> frames (the
    /// default). Off, every frame is searched whole and every detection kept: the plain detector, the benchmark's
    /// baseline.
    /// </summary>
    public bool MotionGate { get; init; } = true;

    /// <summary>
    /// With the gate on, every this many frames (and on the first) the whole frame is searched and detections are kept
    /// whether they move or not, so people who stand still (waiting, seated, at a kiosk) are found again and their
    /// tracks stay alive between keyframes. At 1 frame per second, 3 means every 3 seconds.
    /// </summary>
    public int KeyframeEvery { get; init; } = 3;

    /// <summary>Frames of history the background model remembers.</summary>
    public int BackgroundHistory { get; init; } = 200;

    /// <summary>MOG2 variance threshold: higher ignores more noise (and faint movers).</summary>
    public double BackgroundVarThreshold { get; init; } = 25;

    /// <summary>Moving blobs smaller than this many pixels (after cleaning) are ignored.</summary>
    public int MinMotionArea { get; init; } = 300;

    /// <summary>Context added around each moving region before it picks the tiles to search, in pixels.</summary>
    public int RegionPadding { get; init; } = 32;

    /// <summary>
    /// Side in pixels the frame's tiles aim at: the model sees each tile at 300x300, so a tile about that size keeps
    /// people at the scale it knows (a 768x576 frame becomes 3 x 2 tiles; an image under about 380 px stays whole).
    /// </summary>
    public int TileSide { get; init; } = 320;

    /// <summary>Fraction of a tile shared with its neighbour, so a person on a tile's edge is whole in one of them.</summary>
    public double TileOverlap { get; init; } = 0.2;

    /// <summary>
    /// Person score (0..1) a box must reach. The model's scores for people are low (rarely above 0.65); on the
    /// hand-counted frames 0.3 doubles the false detections and 0.5 misses one person in six (README).
    /// </summary>
    public float MinScore { get; init; } = 0.4f;

    /// <summary>Boxes overlapping a stronger one by more than this IoU are the same person.</summary>
    public float NmsIouThreshold { get; init; } = 0.45f;

    /// <summary>A detection must have at least this fraction of its box moving, else it is static clutter.</summary>
    public double MinMovingFraction { get; init; } = 0.05;

    public void Validate()
    {
        if (KeyframeEvery < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(KeyframeEvery), KeyframeEvery, "Expected a keyframe at least every frame (1 or more).");
        }

        if (BackgroundHistory < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BackgroundHistory), BackgroundHistory, "Expected at least 1 frame.");
        }

        if (TileSide is < 64 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(TileSide), TileSide, "Expected a tile side of 64 to 4096 px.");
        }

        if (TileOverlap is < 0 or >= 0.9)
        {
            throw new ArgumentOutOfRangeException(nameof(TileOverlap), TileOverlap, "Expected an overlap from 0 to under 0.9.");
        }

        if (MinScore is <= 0f or >= 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(MinScore), MinScore, "Expected a score strictly between 0 and 1.");
        }

        if (NmsIouThreshold is <= 0f or >= 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(NmsIouThreshold), NmsIouThreshold, "Expected an IoU strictly between 0 and 1.");
        }

        if (MinMovingFraction is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinMovingFraction), MinMovingFraction, "Expected a fraction between 0 and 1.");
        }
    }
}
