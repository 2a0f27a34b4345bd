using Microsoft.ML.OnnxRuntime;

namespace OrleansHall.Vision.Faces;

/// <summary>The ONNX Runtime settings every face model session runs with, shared so a benchmark measures the same thing.</summary>
public static class OnnxSessions
{
    public static SessionOptions CreateOptions(FacePipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var session = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // The age/gender exports list their weights as graph inputs; ORT warns about that on every load.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        // fr_feature and fr_gender produce denormal activations; without flushing them to zero they run 5-30x slower.
        session.AddSessionConfigEntry("session.set_denormal_as_zero", "1");
        return session;
    }
}
