using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace OrleansHall.Vision.Faces;

/// <summary>
/// One ONNX session with its input and output buffers allocated once, so a frame costs no tensor allocations.
/// Not thread-safe: the owning pipeline serialises calls.
/// </summary>
internal sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly OrtValue[] _inputValues;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _outputValues;
    private readonly Dictionary<string, float[]> _outputs = [];
    private long _calls;
    private long _ticks;
    private long _fastestTicks = long.MaxValue;

    public OnnxModel(FaceModel model, byte[] bytes, SessionOptions options)
    {
        Model = model;
        _session = new InferenceSession(bytes, options);
        var input = _session.InputMetadata.Single();
        _inputNames = [input.Key];
        var inputShape = Concrete(input.Value.Dimensions);
        Input = new float[inputShape.Aggregate(1L, (a, d) => a * d)];
        InputShape = inputShape;
        _inputValues = [OrtValue.CreateTensorValueFromMemory(Input, inputShape)];

        _outputNames = [.. _session.OutputMetadata.Keys];
        _outputValues = new OrtValue[_outputNames.Length];
        for (var i = 0; i < _outputNames.Length; i++)
        {
            var shape = Concrete(_session.OutputMetadata[_outputNames[i]].Dimensions);
            var buffer = new float[shape.Aggregate(1L, (a, d) => a * d)];
            _outputs[_outputNames[i]] = buffer;
            _outputValues[i] = OrtValue.CreateTensorValueFromMemory(buffer, shape);
        }
    }

    public FaceModel Model { get; }

    /// <summary>The reusable input tensor, NCHW; fill it, then call <see cref="Run"/>.</summary>
    public float[] Input { get; }

    public long[] InputShape { get; }

    public IReadOnlyList<string> OutputNames => _outputNames;

    public long Calls => Interlocked.Read(ref _calls);

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    public TimeSpan Fastest => Calls == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _fastestTicks));

    public void Run()
    {
        var start = Stopwatch.GetTimestamp();
        _session.Run(_runOptions, _inputNames, _inputValues, _outputNames, _outputValues);
        var ticks = Stopwatch.GetTimestamp() - start;
        Interlocked.Add(ref _ticks, ticks);
        Interlocked.Increment(ref _calls);
        if (ticks < Interlocked.Read(ref _fastestTicks))
        {
            Interlocked.Exchange(ref _fastestTicks, ticks);
        }
    }

    public float[] Output(string name) => _outputs.TryGetValue(name, out var buffer)
        ? buffer
        : throw new KeyNotFoundException(
            $"{Model} has no output '{name}'; expected one of {string.Join(", ", _outputNames)}.");

    public float[] SingleOutput => _outputs.Count == 1
        ? _outputs.Values.First()
        : throw new InvalidOperationException($"{Model} has {_outputs.Count} outputs; expected exactly one.");

    public void Dispose()
    {
        foreach (var value in _inputValues.Concat(_outputValues))
        {
            value.Dispose();
        }

        _runOptions.Dispose();
        _session.Dispose();
    }

    // The exported models use a symbolic batch dimension; the pipeline always runs batch 1.
    private static long[] Concrete(int[] dims) => [.. dims.Select(d => d <= 0 ? 1L : d)];
}
