using Microsoft.ML.OnnxRuntime;
using OrleansHall.Vision.Faces;

namespace OrleansHall.Clients.Vision;

/// <summary>
/// A bare ONNX Runtime session for the benchmark's floor: inputs bound once from recorded tensors, outputs
/// preallocated, so a timed call is session.Run and nothing else.
/// </summary>
public sealed class RawSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _outputs;
    private readonly List<OrtValue[]> _bound = [];

    public RawSession(byte[] model, SessionOptions options)
    {
        _session = new InferenceSession(model, options);
        _inputNames = [_session.InputMetadata.Single().Key];
        _outputNames = [.. _session.OutputMetadata.Keys];
        _outputs = [.. _outputNames.Select(name =>
        {
            long[] shape = [.. _session.OutputMetadata[name].Dimensions.Select(d => d <= 0 ? 1L : d)];
            return OrtValue.CreateTensorValueFromMemory(new float[shape.Aggregate(1L, (a, d) => a * d)], shape);
        })];
    }

    /// <summary>Binds a recorded input; returns its index for <see cref="Run"/>.</summary>
    public int Bind(ModelInput input)
    {
        _bound.Add([OrtValue.CreateTensorValueFromMemory(input.Tensor, input.Shape)]);
        return _bound.Count - 1;
    }

    public void Run(int input) => _session.Run(_run, _inputNames, _bound[input], _outputNames, _outputs);

    public void Dispose()
    {
        foreach (var value in _bound.SelectMany(v => v).Concat(_outputs))
        {
            value.Dispose();
        }

        _run.Dispose();
        _session.Dispose();
    }
}
