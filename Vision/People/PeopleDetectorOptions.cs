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

    /// <summary>Context added around each moving region before HOG looks at it, in pixels.</summary>
    public int RegionPadding { get; init; } = 32;

    /// <summary>
    /// Regions are enlarged by this factor before HOG: its 64x128 window finds people about 96 px tall or more at
    /// 1.0, so 1.6 reaches people about 60 px tall, as most are in a forecourt or hall camera at 768 px (measured on
    /// hand-counted vtest.avi frames: 1.3 finds 78-86 %, 1.6 87 % of the people; 1.6 costs about 1.5 times 1.3).
    /// </summary>
    public double Upscale { get; init; } = 1.6;

    /// <summary>
    /// HOG SVM margin a window must exceed to count as a person. At 0 clutter and half-bodies pass (on the hand-counted
    /// frames 0.0 gives three false detections for every five true ones at this scale); 0.6 keeps about one in six.
    /// </summary>
    public double HitThreshold { get; init; } = 0.6;

    /// <summary>Step between pyramid levels of the HOG search.</summary>
    public double PyramidScale { get; init; } = 1.05;

    /// <summary>Detections overlapping a stronger one by more than this IoU are dropped.</summary>
    public float NmsIouThreshold { get; init; } = 0.3f;

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
