namespace OrleansHall.Vision.Faces;

/// <summary>How often a model ran, how long it took in total and its fastest single run (least disturbed by load).</summary>
public sealed record ModelTiming(FaceModel Model, long Calls, TimeSpan Total, TimeSpan Fastest)
{
    public double MillisecondsPerCall => Calls == 0 ? 0 : Total.TotalMilliseconds / Calls;
}
