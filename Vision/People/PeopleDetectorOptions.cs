namespace OrleansHall.Vision.People;

public sealed record PeopleDetectorOptions
{
    /// <summary>
    /// Search only where MOG2 saw motion (the default). Off, HOG searches every whole frame (the benchmark's
    /// baseline) but keeps the same acceptance rule: a person must be moving (<see cref="MinMovingFraction"/>)
    /// and lie within a moving region, so the two modes differ only in cost.
    /// </summary>
    public bool MotionGate { get; init; } = true;

    /// <summary>Frames of history the background model remembers.</summary>
    public int BackgroundHistory { get; init; } = 200;

    /// <summary>MOG2 variance threshold: higher ignores more noise (and faint movers).</summary>
    public double BackgroundVarThreshold { get; init; } = 25;

    /// <summary>Moving blobs smaller than this many pixels (after cleaning) are ignored.</summary>
    public int MinMotionArea { get; init; } = 300;

    /// <summary>Context added around each moving region before HOG looks at it, in pixels.</summary>
    public int RegionPadding { get; init; } = 32;

    /// <summary>
    /// Regions are enlarged by this factor before HOG: its 64x128 window finds people about 96 px tall or more,
    /// so cameras that see people smaller than that need upscaling (1.3 costs about twice the time of 1.0).
    /// </summary>
    public double Upscale { get; init; } = 1.3;

    /// <summary>HOG SVM margin a window must exceed to count as a person.</summary>
    public double HitThreshold { get; init; } = 0.0;

    /// <summary>Step between pyramid levels of the HOG search.</summary>
    public double PyramidScale { get; init; } = 1.05;

    /// <summary>Detections overlapping a stronger one by more than this IoU are dropped.</summary>
    public float NmsIouThreshold { get; init; } = 0.3f;

    /// <summary>A detection must have at least this fraction of its box moving, else it is static clutter.</summary>
    public double MinMovingFraction { get; init; } = 0.05;

    public void Validate()
    {
        if (BackgroundHistory < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BackgroundHistory), BackgroundHistory, "Expected at least 1 frame.");
        }

        if (Upscale is < 0.25 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(Upscale), Upscale, "Expected a factor between 0.25 and 4.");
        }

        if (PyramidScale <= 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(PyramidScale), PyramidScale, "Expected a pyramid step above 1.");
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
