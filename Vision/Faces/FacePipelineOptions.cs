namespace OrleansHall.Vision.Faces;

/// <summary>Tuning of the face pipeline. Defaults were chosen on the sample photos and hold across them all.</summary>
public sealed record FacePipelineOptions
{
    /// <summary>Minimum detector face probability (0..1) to keep a candidate.</summary>
    public float ScoreThreshold { get; init; } = 0.7f;

    /// <summary>
    /// Candidates scoring between this and <see cref="ScoreThreshold"/> get a second, zoomed look and are kept
    /// only if the detector is then sure. Set equal to <see cref="ScoreThreshold"/> to disable.
    /// </summary>
    public float VerifyThreshold { get; init; } = 0.2f;

    /// <summary>The zoomed window is this many face heights tall (and 4/3 as wide).</summary>
    public float VerifyZoomContext { get; init; } = 3f;

    /// <summary>Candidates overlapping a better one by more than this IoU are the same face.</summary>
    public float NmsIouThreshold { get; init; } = 0.3f;

    /// <summary>Faces smaller than this (box height in source pixels) are ignored: too small to recognise.</summary>
    public int MinFaceSize { get; init; } = 20;

    /// <summary>At most this many faces are analysed per image, largest-score first.</summary>
    public int MaxFaces { get; init; } = 64;

    /// <summary>ONNX Runtime intra-op threads per session; 1 lets a pool run several pipelines side by side.</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Skip the attribute models (age, gender, liveness) when only identity is needed.</summary>
    public bool EstimateAttributes { get; init; } = true;

    public void Validate()
    {
        if (ScoreThreshold is <= 0f or >= 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(ScoreThreshold), ScoreThreshold, "Expected a probability strictly between 0 and 1.");
        }

        if (VerifyThreshold <= 0f || VerifyThreshold > ScoreThreshold)
        {
            throw new ArgumentOutOfRangeException(nameof(VerifyThreshold), VerifyThreshold, $"Expected a probability above 0 and at most ScoreThreshold ({ScoreThreshold}).");
        }

        if (VerifyZoomContext < 1.5f)
        {
            throw new ArgumentOutOfRangeException(nameof(VerifyZoomContext), VerifyZoomContext, "Expected at least 1.5 face heights of context.");
        }

        if (NmsIouThreshold is <= 0f or >= 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(NmsIouThreshold), NmsIouThreshold, "Expected an IoU strictly between 0 and 1.");
        }

        if (MinFaceSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinFaceSize), MinFaceSize, "Expected at least 1 pixel.");
        }

        if (MaxFaces < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFaces), MaxFaces, "Expected at least 1 face.");
        }

        if (IntraOpThreads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "Expected at least 1 thread.");
        }
    }
}
