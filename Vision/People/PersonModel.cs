using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using OrleansHall.Vision.Geometry;
using OrleansHall.Vision.Models;

namespace OrleansHall.Vision.People;

/// <summary>
/// The person detector: SSD with a MobileNetV2 backbone trained on Open Images V4 (MediaPipe's object detection model,
/// shipped in the npm package @mediapipe/objectron, Apache-2.0), converted from TFLite to ONNX when loaded and run with
/// ONNX Runtime. It sees a 300x300 RGB image scaled to -1..1 and scores 1917 fixed anchor boxes for 24 classes; only
/// "Person" is read. Thread-safe: one instance serves every camera (each call rents its own buffers).
/// </summary>
public sealed class PersonModel : IDisposable
{
    public const string FileName = "ssd_mobilenetv2_oidv4_fp16.tflite";

    /// <summary>The SHA-256 MediaPipe's own build pins for this file.</summary>
    public const string Sha256 = "d0a5255bf8c4f5a0bc4240741a76c41d5e939f7655078f945f50ab53a9375da6";

    public const int InputSize = 300;

    private const int Classes = 24;
    private const int PersonClass = 4;

    private static readonly SsdAnchor[] Anchors = SsdAnchor.Generate(InputSize);

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string _inputName;
    private readonly string _boxesName;
    private readonly string _scoresName;
    private long _calls;
    private long _ticks;

    public PersonModel(byte[] tflite, int intraOpThreads = 1)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        options.AddSessionConfigEntry("session.set_denormal_as_zero", "1");
        _session = new InferenceSession(TfliteToOnnx.Convert(tflite), options);
        _inputName = _session.InputMetadata.Keys.Single();
        // Box encodings end in 4 numbers per anchor, class scores in 24.
        _boxesName = _session.OutputMetadata.Single(o => o.Value.Dimensions[^1] == 4).Key;
        _scoresName = _session.OutputMetadata.Single(o => o.Value.Dimensions[^1] == Classes).Key;
        if (_session.OutputMetadata[_boxesName].Dimensions[1] != Anchors.Length)
        {
            throw new InvalidDataException($"The person model scores {_session.OutputMetadata[_boxesName].Dimensions[1]} boxes; expected {Anchors.Length} anchors.");
        }
    }

    /// <summary>Model runs so far and their total time, for the benchmark.</summary>
    public (long Calls, TimeSpan Elapsed) Timing => (Interlocked.Read(ref _calls), TimeSpan.FromTicks(Interlocked.Read(ref _ticks)));

    /// <summary>Tiles scored in one model run at most; a larger image's tiles take several runs.</summary>
    public const int MaxBatch = 8;

    /// <summary>
    /// People in tiles of an 8-bit BGR image (each stretched to the model's 300x300), scoring at least
    /// <paramref name="minScore"/>, in image pixels, overlapping ones within a tile merged at IoU <paramref name="nmsIou"/>.
    /// The tiles go through the model together, up to <see cref="MaxBatch"/> a run.
    /// </summary>
    public List<ScoredBox> Detect(Mat image, IReadOnlyList<Rect> tiles, float minScore, float nmsIou)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(tiles);
        if (image.Empty() || image.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Image is {(image.Empty() ? "empty" : image.Type().ToString())}; expected an 8-bit BGR image.", nameof(image));
        }

        var usable = tiles.Select(t => t.Intersect(new Rect(0, 0, image.Cols, image.Rows))).Where(t => t.Width >= 8 && t.Height >= 8).ToList();
        var found = new List<ScoredBox>();
        foreach (var batch in usable.Chunk(MaxBatch))
        {
            found.AddRange(Run(image, batch, minScore, nmsIou));
        }

        return found;
    }

    private List<ScoredBox> Run(Mat image, Rect[] tiles, float minScore, float nmsIou)
    {
        const int perTile = InputSize * InputSize * 3;
        var length = perTile * tiles.Length;
        var input = ArrayPool<float>.Shared.Rent(length);
        try
        {
            for (var t = 0; t < tiles.Length; t++)
            {
                Fill(image, tiles[t], input.AsSpan(t * perTile, perTile));
            }

            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            using var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, length), [tiles.Length, InputSize, InputSize, 3]);
            using var outputs = _session.Run(_runOptions, [_inputName], [value], [_boxesName, _scoresName]);
            Interlocked.Add(ref _ticks, System.Diagnostics.Stopwatch.GetElapsedTime(start).Ticks);
            Interlocked.Increment(ref _calls);
            var boxes = outputs[0].GetTensorDataAsSpan<float>();
            var scores = outputs[1].GetTensorDataAsSpan<float>();
            var found = new List<ScoredBox>();
            for (var t = 0; t < tiles.Length; t++)
            {
                found.AddRange(NonMaximumSuppression.Apply(
                    Decode(boxes.Slice(t * Anchors.Length * 4, Anchors.Length * 4), scores.Slice(t * Anchors.Length * Classes, Anchors.Length * Classes), tiles[t], minScore),
                    nmsIou));
            }

            return found;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }

    /// <summary>The tile, resized to 300x300 (area averaging when shrinking), as R,G,B values in -1..1, row by row.</summary>
    private static void Fill(Mat image, Rect tile, Span<float> input)
    {
        const int length = InputSize * InputSize * 3;
        using var roi = new Mat(image, tile);
        using var resized = new Mat();
        var shrinking = tile.Width > InputSize || tile.Height > InputSize;
        Cv2.Resize(roi, resized, new Size(InputSize, InputSize), 0, 0, shrinking ? InterpolationFlags.Area : InterpolationFlags.Linear);
        var bgr = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            // A Mat made by Resize is continuous: its pixels are one block of B,G,R bytes.
            Marshal.Copy(resized.Data, bgr, 0, length);
            for (var i = 0; i < length; i += 3)
            {
                input[i] = (bgr[i + 2] / 127.5f) - 1f;
                input[i + 1] = (bgr[i + 1] / 127.5f) - 1f;
                input[i + 2] = (bgr[i] / 127.5f) - 1f;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bgr);
        }
    }

    /// <summary>Anchors whose Person score passes, decoded (centre offsets over 10, log sizes over 5) into image pixels.</summary>
    private static List<ScoredBox> Decode(ReadOnlySpan<float> boxes, ReadOnlySpan<float> scores, Rect tile, float minScore)
    {
        var minLogit = MathF.Log(minScore / (1 - minScore));
        var found = new List<ScoredBox>();
        for (var i = 0; i < Anchors.Length; i++)
        {
            var logit = scores[(i * Classes) + PersonClass];
            if (logit < minLogit)
            {
                continue;
            }

            var a = Anchors[i];
            var cy = (boxes[i * 4] / 10f * a.Height) + a.CenterY;
            var cx = (boxes[(i * 4) + 1] / 10f * a.Width) + a.CenterX;
            var h = MathF.Exp(boxes[(i * 4) + 2] / 5f) * a.Height;
            var w = MathF.Exp(boxes[(i * 4) + 3] / 5f) * a.Width;
            var box = new Box(
                tile.X + ((cx - (w / 2)) * tile.Width), tile.Y + ((cy - (h / 2)) * tile.Height),
                tile.X + ((cx + (w / 2)) * tile.Width), tile.Y + ((cy + (h / 2)) * tile.Height));
            found.Add(new ScoredBox(box, 1f / (1f + MathF.Exp(-logit))));
        }

        return found;
    }
}
