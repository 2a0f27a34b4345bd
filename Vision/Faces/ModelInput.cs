namespace OrleansHall.Vision.Faces;

/// <summary>A copy of one tensor the pipeline fed to a model, with its NCHW shape.</summary>
public sealed record ModelInput(FaceModel Model, float[] Tensor, long[] Shape);
