using System.Collections.Immutable;
using System.Numerics;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using OrleansHall.Vision.Geometry;

namespace OrleansHall.Vision.Faces;

/// <summary>
/// Finds every face in an image and describes it: box, 68 landmarks, identity embedding, age, gender and liveness.
/// Sessions and tensors are created once; calls are serialised, so a pool should hold one pipeline per worker.
/// </summary>
public sealed class FacePipeline : IDisposable
{
    private const int DetectWidth = 320;
    private const int DetectHeight = 240;
    private const int LandmarkSize = 64;
    private const int AlignedSize = 112;
    private const int AttributeSize = 64;
    private const int LivenessSize = 128;
    private const float AttributeContext = 1.4f;
    private const float LivenessContext = 2.7f;

    /// <summary>
    /// Faces at least this tall in a half-size decode are analysed there: the embedding model sees a face about
    /// 80 px tall in its 112 px input, and the other models less, so nothing they use is lost.
    /// </summary>
    public const int HalfSizeFaceMin = 96;

    // Photos whose half-size decode is smaller than this are decoded whole (small, so cheap anyway).
    private const int HalfSizeMinSide = 640;

    // Class index of "live" among the liveness model's three logits (the other two are spoof kinds).
    private const int LiveClass = 0;

    // Where the embedding model expects eye centres, nose tip and mouth corners in its 112x112 input.
    private static readonly Vector2[] AlignedReference =
    [
        new(38.2946f, 51.6963f), new(73.5318f, 51.5014f), new(56.0252f, 71.7366f),
        new(41.5493f, 92.3655f), new(70.7299f, 92.2041f),
    ];

    private static readonly float[] Unit = [1f, 1f, 1f];
    private static readonly float[] Zero = [0f, 0f, 0f];
    private static readonly float[] SymmetricScale = [1 / 128f, 1 / 128f, 1 / 128f];
    private static readonly float[] SymmetricOffset = [-127 / 128f, -127 / 128f, -127 / 128f];
    private static readonly float[] ImageNetScale = [1 / (255f * 0.229f), 1 / (255f * 0.224f), 1 / (255f * 0.225f)];
    private static readonly float[] ImageNetOffset = [-0.485f / 0.229f, -0.456f / 0.224f, -0.406f / 0.225f];

    private readonly FacePipelineOptions _options;
    private readonly OnnxModel _detect;
    private readonly OnnxModel _landmark;
    private readonly OnnxModel _feature;
    private readonly OnnxModel _age;
    private readonly OnnxModel _gender;
    private readonly OnnxModel _liveness;
    private readonly Lock _gate = new();
    private readonly Mat _detectInput = new();
    private readonly Mat _crop = new();
    private readonly Mat _gray = new();
    private readonly Mat _aligned = new();
    private readonly Mat _transform = new(2, 3, MatType.CV_64FC1);
    private List<ModelInput>? _recording;

    public FacePipeline(ModelStore models, FacePipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        _options = options ?? new FacePipelineOptions();
        _options.Validate();
        using var session = OnnxSessions.CreateOptions(_options);
        _detect = new OnnxModel(FaceModel.Detect, models[FaceModel.Detect], session);
        _landmark = new OnnxModel(FaceModel.Landmark, models[FaceModel.Landmark], session);
        _feature = new OnnxModel(FaceModel.Feature, models[FaceModel.Feature], session);
        _age = new OnnxModel(FaceModel.Age, models[FaceModel.Age], session);
        _gender = new OnnxModel(FaceModel.Gender, models[FaceModel.Gender], session);
        _liveness = new OnnxModel(FaceModel.Liveness, models[FaceModel.Liveness], session);
    }

    public FacePipelineOptions Options => _options;

    /// <summary>Images from bytes analysed at half size (every face large enough there) since construction.</summary>
    public long HalfSizeAnalyses { get; private set; }

    /// <summary>Images from bytes decoded and analysed at full size (small image, or a face too small at half size).</summary>
    public long FullSizeAnalyses { get; private set; }

    /// <summary>Per-model call counts and cumulative inference time since construction.</summary>
    public IReadOnlyList<ModelTiming> Timings =>
        [.. new[] { _detect, _landmark, _feature, _age, _gender, _liveness }.Select(m => new ModelTiming(m.Model, m.Calls, m.Elapsed, m.Fastest))];

    /// <summary>
    /// Decodes a JPEG (or PNG) and analyses it. Large photos are decoded at half size first (the JPEG decoder
    /// scales in the DCT, several times faster than a full decode); if no face is found there, or one is smaller than
    /// <see cref="HalfSizeFaceMin"/>, the full image is decoded and analysed instead (small faces may show only there).
    /// </summary>
    public IReadOnlyList<FaceAnalysis> Analyze(byte[] image)
    {
        using var half = Decode(image, ImreadModes.ReducedColor2);
        if (Math.Max(half.Cols, half.Rows) >= HalfSizeMinSide)
        {
            lock (_gate)
            {
                var faces = DetectLocked(half, _options.MinFaceSize / 2f);
                if (faces.Count > 0 && faces.All(f => f.Square.Box.Height >= HalfSizeFaceMin))
                {
                    HalfSizeAnalyses++;
                    return AnalyzeLocked(half, faces, 2f);
                }
            }
        }

        using var mat = Decode(image, ImreadModes.Color);
        lock (_gate)
        {
            FullSizeAnalyses++;
            return Analyze(mat);
        }
    }

    /// <summary>
    /// Analyses an image and appends a copy of every tensor fed to a model, in call order, to <paramref name="inputs"/>:
    /// the benchmark replays them on bare sessions to measure what the pipeline adds around inference.
    /// </summary>
    public IReadOnlyList<FaceAnalysis> Analyze(byte[] image, List<ModelInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        lock (_gate)
        {
            _recording = inputs;
            try
            {
                return Analyze(image);
            }
            finally
            {
                _recording = null;
            }
        }
    }

    /// <summary>Analyses an 8-bit BGR (or gray / BGRA) image.</summary>
    public IReadOnlyList<FaceAnalysis> Analyze(Mat image)
    {
        using var bgr = ToBgr(image, out var owned);
        var source = owned ? bgr : image;
        lock (_gate)
        {
            return AnalyzeLocked(source, DetectLocked(source, _options.MinFaceSize), 1f);
        }
    }

    /// <summary>Only finds faces (boxes and scores): the cheap path for counting.</summary>
    public IReadOnlyList<ScoredBox> Detect(Mat image)
    {
        using var bgr = ToBgr(image, out var owned);
        lock (_gate)
        {
            return [.. DetectLocked(owned ? bgr : image, _options.MinFaceSize).Select(f => f.Square)];
        }
    }

    public IReadOnlyList<ScoredBox> Detect(byte[] image)
    {
        using var mat = Decode(image, ImreadModes.Color);
        return Detect(mat);
    }

    public void Dispose()
    {
        foreach (var model in new[] { _detect, _landmark, _feature, _age, _gender, _liveness })
        {
            model.Dispose();
        }

        foreach (var mat in new[] { _detectInput, _crop, _gray, _aligned, _transform })
        {
            mat.Dispose();
        }
    }

    // Describes the detected faces; boxes and landmarks come back multiplied by `scale` (source pixels of a reduced decode).
    private List<FaceAnalysis> AnalyzeLocked(Mat source, List<DetectedFace> faces, float scale)
    {
        var results = new List<FaceAnalysis>(faces.Count);
        foreach (var (face, detected) in faces)
        {
            var landmarks = LandmarksLocked(source, face.Box);
            var embedding = EmbedLocked(source, landmarks);
            float age = float.NaN, male = float.NaN, live = float.NaN;
            if (_options.EstimateAttributes)
            {
                (age, male) = AgeGenderLocked(source, detected);
                live = LivenessLocked(source, detected);
            }

            if (scale != 1f)
            {
                landmarks = [.. landmarks.Select(p => p * scale)];
            }

            results.Add(new FaceAnalysis(face.Box.Scale(scale, scale), face.Score, landmarks, embedding, age, male, live));
        }

        return results;
    }

    private List<DetectedFace> DetectLocked(Mat image, float minFaceSize)
    {
        var kept = NonMaximumSuppression.Apply(Candidates(image, _options.VerifyThreshold), _options.NmsIouThreshold);
        var faces = new List<DetectedFace>(kept.Count);
        foreach (var candidate in kept)
        {
            var face = candidate.Score >= _options.ScoreThreshold ? candidate : SecondLook(image, candidate);
            if (face is null)
            {
                continue;
            }

            // Landmark and attribute models were trained on square crops sized by the face height.
            var square = Square(face.Value.Box, image.Cols, image.Rows);
            if (square.Height >= minFaceSize && square.Width >= minFaceSize / 2f)
            {
                faces.Add(new DetectedFace(face.Value with { Box = square }, face.Value.Box.ClampTo(image.Cols, image.Rows)));
                if (faces.Count == _options.MaxFaces)
                {
                    break;
                }
            }
        }

        return faces;
    }

    // An uncertain candidate is re-detected in a zoomed 4:3 window around it: at 320x240 a small or washed-out
    // face has few pixels, and real faces gain confidence with more of them while clutter does not.
    private ScoredBox? SecondLook(Mat image, ScoredBox candidate)
    {
        var side = candidate.Box.Height * _options.VerifyZoomContext;
        var w = MathF.Min(side * 4 / 3, image.Cols);
        var h = MathF.Min(side, image.Rows);
        if (w >= image.Cols * 0.9f && h >= image.Rows * 0.9f)
        {
            return null;
        }

        var c = candidate.Box.Center;
        var left = Math.Clamp(c.X - (w / 2), 0, image.Cols - w);
        var top = Math.Clamp(c.Y - (h / 2), 0, image.Rows - h);
        var rect = ToRect(new Box(left, top, left + w, top + h), image);
        using var window = new Mat(image, rect);
        ScoredBox? best = null;
        foreach (var second in Candidates(window, _options.ScoreThreshold))
        {
            var box = second.Box.Offset(rect.X, rect.Y);
            if (box.IntersectionOverUnion(candidate.Box) >= 0.4f && (best is null || second.Score > best.Value.Score))
            {
                best = new ScoredBox(box, second.Score);
            }
        }

        return best;
    }

    private List<ScoredBox> Candidates(Mat image, float threshold)
    {
        Cv2.Resize(image, _detectInput, new Size(DetectWidth, DetectHeight), 0, 0, InterpolationFlags.Linear);
        // B,G,R plane order, as the reference JavaScript effectively feeds it; it separates faces from clutter better.
        TensorFill.Planar(_detectInput, _detect.Input, SymmetricScale, SymmetricOffset, rgb: false);
        RunLocked(_detect);
        var scores = _detect.Output("scores");
        var boxes = _detect.Output("boxes");
        var candidates = new List<ScoredBox>();
        var count = scores.Length / 2;
        for (var i = 0; i < count; i++)
        {
            var score = scores[(2 * i) + 1];
            if (score >= threshold)
            {
                var b = new Box(boxes[4 * i], boxes[(4 * i) + 1], boxes[(4 * i) + 2], boxes[(4 * i) + 3]);
                candidates.Add(new ScoredBox(b.Scale(image.Cols, image.Rows), score));
            }
        }

        return candidates;
    }

    private ImmutableArray<Vector2> LandmarksLocked(Mat image, Box face)
    {
        var crop = FaceCrop.Expand(face, 1f, image.Cols, image.Rows);
        var rect = ToRect(crop, image);
        using (var roi = new Mat(image, rect))
        {
            Cv2.Resize(roi, _crop, new Size(LandmarkSize, LandmarkSize), 0, 0, InterpolationFlags.Linear);
        }

        Cv2.CvtColor(_crop, _gray, ColorConversionCodes.BGR2GRAY);
        TensorFill.GrayPlanar(_gray, _landmark.Input, 1 / 256f);
        RunLocked(_landmark);
        var output = _landmark.SingleOutput;
        var points = ImmutableArray.CreateBuilder<Vector2>(68);
        for (var i = 0; i < 68; i++)
        {
            points.Add(new Vector2(rect.X + (output[2 * i] * rect.Width), rect.Y + (output[(2 * i) + 1] * rect.Height)));
        }

        return points.MoveToImmutable();
    }

    private float[] EmbedLocked(Mat image, ImmutableArray<Vector2> landmarks)
    {
        Span<Vector2> five = stackalloc Vector2[5];
        FivePoints(landmarks, five);
        var transform = SimilarityTransform.Estimate(five, AlignedReference);
        var m = transform.ToAffineMatrix();
        for (var i = 0; i < 6; i++)
        {
            _transform.Set(i / 3, i % 3, m[i]);
        }

        Cv2.WarpAffine(image, _aligned, _transform, new Size(AlignedSize, AlignedSize), InterpolationFlags.Linear, BorderTypes.Constant);
        TensorFill.Planar(_aligned, _feature.Input, SymmetricScale, SymmetricOffset, rgb: true);
        RunLocked(_feature);
        var embedding = _feature.SingleOutput.ToArray();
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(embedding);
        System.Numerics.Tensors.TensorPrimitives.Divide(embedding, norm > 0 ? norm : 1f, embedding);
        return embedding;
    }

    // The crop as lib/fr_age.js and lib/fr_gender.js of the model package make it: the detector's own box (not the
    // square the landmark model wants) widened 1.4 times about its centre, kept inside the image, squeezed to 64x64,
    // normalised with the ImageNet mean and deviation. The reference feeds the planes R,G,B; we feed B,G,R, the order
    // of OpenCV-prepared training data: on the 22 sample faces (all women) R,G,B calls 13 female, about a coin toss,
    // and B,G,R 17 (README, "Age and gender").
    private (float Age, float MaleScore) AgeGenderLocked(Mat image, Box detected)
    {
        CropResized(image, detected, AttributeContext, AttributeSize);
        TensorFill.Planar(_crop, _age.Input, ImageNetScale, ImageNetOffset, rgb: false);
        _age.Input.CopyTo(_gender.Input, 0);
        RunLocked(_age);
        var age = SsrNet.Merge(_age, 101f);
        RunLocked(_gender);
        var male = Math.Clamp(SsrNet.Merge(_gender, 1f), 0f, 1f);
        return (age, male);
    }

    private float LivenessLocked(Mat image, Box face)
    {
        CropResized(image, face, LivenessContext, LivenessSize);
        // As the package's lib/fr_liveness.js: the detector's own box widened 2.7 times (less where the image ends,
        // shifted inside it), stretched to 128x128, raw 0..255 values in R,G,B plane order (OpenCV.js reads RGBA).
        TensorFill.Planar(_crop, _liveness.Input, Unit, Zero, rgb: true);
        RunLocked(_liveness);
        var logits = _liveness.SingleOutput;
        Span<float> probabilities = stackalloc float[logits.Length];
        System.Numerics.Tensors.TensorPrimitives.SoftMax(logits, probabilities);
        return probabilities[LiveClass];
    }

    private void CropResized(Mat image, Box face, float context, int size)
    {
        var rect = ToRect(FaceCrop.Expand(face, context, image.Cols, image.Rows), image);
        using var roi = new Mat(image, rect);
        Cv2.Resize(roi, _crop, new Size(size, size), 0, 0, InterpolationFlags.Linear);
    }

    private void RunLocked(OnnxModel model)
    {
        _recording?.Add(new ModelInput(model.Model, [.. model.Input], model.InputShape));
        model.Run();
    }

    /// <summary>A face as found: the square the landmark and embedding models work on, and the detector's own box.</summary>
    private readonly record struct DetectedFace(ScoredBox Square, Box Detected);

    private static void FivePoints(ImmutableArray<Vector2> p, Span<Vector2> five)
    {
        // iBUG 68: eyelid points 37,38,40,41 and 43,44,46,47; nose tip 30; outer and inner lip corners 48/60, 54/64.
        five[0] = (p[37] + p[38] + p[40] + p[41]) / 4f;
        five[1] = (p[43] + p[44] + p[46] + p[47]) / 4f;
        five[2] = p[30];
        five[3] = (p[48] + p[60]) / 2f;
        five[4] = (p[54] + p[64]) / 2f;
    }

    private static Box Square(Box box, int width, int height)
    {
        var side = box.Height;
        var c = box.Center;
        return new Box(c.X - (side / 2), c.Y - (side / 2), c.X + (side / 2), c.Y + (side / 2)).ClampTo(width, height);
    }

    private static Rect ToRect(Box box, Mat image)
    {
        var x = Math.Clamp((int)box.Left, 0, image.Cols - 1);
        var y = Math.Clamp((int)box.Top, 0, image.Rows - 1);
        var w = Math.Clamp((int)MathF.Round(box.Width), 1, image.Cols - x);
        var h = Math.Clamp((int)MathF.Round(box.Height), 1, image.Rows - y);
        return new Rect(x, y, w, h);
    }

    private static Mat Decode(byte[] image, ImreadModes mode)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Length == 0)
        {
            throw new ArgumentException("Image is empty; expected JPEG or PNG bytes.", nameof(image));
        }

        var mat = Cv2.ImDecode(image, mode);
        if (mat.Empty())
        {
            mat.Dispose();
            throw new ArgumentException($"Image of {image.Length} bytes could not be decoded; expected JPEG or PNG bytes.", nameof(image));
        }

        return mat;
    }

    private static Mat ToBgr(Mat image, out bool owned)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Empty())
        {
            throw new ArgumentException("Image is empty; expected an 8-bit BGR image.", nameof(image));
        }

        owned = true;
        var converted = new Mat();
        if (image.Type() == MatType.CV_8UC3)
        {
            owned = false;
            return converted;
        }

        if (image.Type() == MatType.CV_8UC1)
        {
            Cv2.CvtColor(image, converted, ColorConversionCodes.GRAY2BGR);
        }
        else if (image.Type() == MatType.CV_8UC4)
        {
            Cv2.CvtColor(image, converted, ColorConversionCodes.BGRA2BGR);
        }
        else
        {
            converted.Dispose();
            throw new ArgumentException($"Image type {image.Type()} is not supported; expected 8-bit BGR, BGRA or gray.", nameof(image));
        }

        return converted;
    }
}
