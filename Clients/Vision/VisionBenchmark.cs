using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using OpenCvSharp;
using OrleansHall.Vision.Faces;
using OrleansHall.Vision.Gallery;
using OrleansHall.Vision.People;

namespace OrleansHall.Clients.Vision;

/// <summary>
/// The measurements behind `hallctl bench vision`: face pipeline against its bare sessions, people flow with and
/// without the motion gate, and 1:N gallery search latency. Each step warms up before it is timed.
/// </summary>
public sealed class VisionBenchmark(ModelStore models, Action<string> log) : IDisposable
{
    private PersonModel Person { get; } = new(models.Person);

    public void Dispose() => Person.Dispose();

    /// <summary>
    /// Faces per second of bare session.Run on the exact tensors the pipeline produced, and of the whole pipeline
    /// from JPEG bytes, in alternating rounds so drift in machine load hits both alike.
    /// </summary>
    public (int Faces, double RawPerSecond, double PipelinePerSecond) Faces(IReadOnlyList<byte[]> photos, int rounds)
    {
        var options = new FacePipelineOptions();
        using var pipeline = new FacePipeline(models, options);
        var inputs = new List<ModelInput>();
        var faces = photos.Sum(p => pipeline.Analyze(p, inputs).Count);
        using var sessionOptions = OnnxSessions.CreateOptions(options);
        var sessions = Enum.GetValues<FaceModel>().ToDictionary(m => m, m => new RawSession(models[m], sessionOptions));
        try
        {
            var calls = inputs.Select(i => (Session: sessions[i.Model], Input: sessions[i.Model].Bind(i))).ToArray();
            log(string.Create(CultureInfo.InvariantCulture,
                $"faces: {photos.Count} photos, {faces} faces, {calls.Length} model calls per pass ({string.Join(", ", inputs.GroupBy(i => i.Model).Select(g => $"{g.Key} {g.Count()}"))})"));
            long rawTicks = 0, pipelineTicks = 0;
            for (var round = -2; round < rounds; round++)
            {
                var start = Stopwatch.GetTimestamp();
                foreach (var (session, input) in calls)
                {
                    session.Run(input);
                }

                var raw = Stopwatch.GetTimestamp() - start;
                start = Stopwatch.GetTimestamp();
                foreach (var photo in photos)
                {
                    _ = pipeline.Analyze(photo);
                }

                var full = Stopwatch.GetTimestamp() - start;
                if (round >= 0)
                {
                    rawTicks += raw;
                    pipelineTicks += full;
                }
            }

            var decodeStart = Stopwatch.GetTimestamp();
            foreach (var photo in photos)
            {
                using var decoded = Cv2.ImDecode(photo, ImreadModes.Color);
            }

            log(string.Create(CultureInfo.InvariantCulture,
                $"per pass: raw {Stopwatch.GetElapsedTime(0, rawTicks).TotalMilliseconds / rounds:F1} ms, pipeline {Stopwatch.GetElapsedTime(0, pipelineTicks).TotalMilliseconds / rounds:F1} ms, (a full-size decode of the six JPEGs alone takes {Stopwatch.GetElapsedTime(decodeStart).TotalMilliseconds:F1} ms; the pipeline decodes them at half size)"));
            var rawPerSecond = faces * rounds / Stopwatch.GetElapsedTime(0, rawTicks).TotalSeconds;
            var pipelinePerSecond = faces * rounds / Stopwatch.GetElapsedTime(0, pipelineTicks).TotalSeconds;
            return (faces, rawPerSecond, pipelinePerSecond);
        }
        finally
        {
            foreach (var session in sessions.Values)
            {
                session.Dispose();
            }
        }
    }

    /// <summary>
    /// People flow over the first <paramref name="frames"/> frames of a video, decoded beforehand so only detection,
    /// tracking and counting are timed; the same vertical counting line for both runs.
    /// </summary>
    public (int Frames, double FpsGated, double FpsUngated, int CountGated, int CountUngated, int PeopleGated, int PeopleUngated) Video(string path, int frames)
    {
        var decoded = new List<Mat>();
        try
        {
            using (var capture = new VideoCapture(path))
            {
                if (!capture.IsOpened())
                {
                    throw new VisionInputException($"'{path}' could not be opened as a video; expected vtest.avi from deploy/fetch-media.sh");
                }

                var frame = new Mat();
                while (decoded.Count < frames && capture.Read(frame) && !frame.Empty())
                {
                    decoded.Add(frame);
                    frame = new Mat();
                }

                frame.Dispose();
            }

            var (gatedFps, gatedCount, gatedPeople) = Flow(decoded, gate: true);
            log(string.Create(CultureInfo.InvariantCulture, $"video gated (motion + keyframes): {decoded.Count} frames, {gatedFps:F1} fps, {gatedCount} crossings, {gatedPeople} people in view summed over frames"));
            var (ungatedFps, ungatedCount, ungatedPeople) = Flow(decoded, gate: false);
            log(string.Create(CultureInfo.InvariantCulture, $"video plain detector on every frame: {decoded.Count} frames, {ungatedFps:F1} fps, {ungatedCount} crossings, {ungatedPeople} people in view summed over frames"));
            return (decoded.Count, gatedFps, ungatedFps, gatedCount, ungatedCount, gatedPeople, ungatedPeople);
        }
        finally
        {
            decoded.ForEach(f => f.Dispose());
        }
    }

    /// <summary>Search latency percentiles over a gallery of random unit vectors, probes being noisy copies of enrolled ones.</summary>
    public (double P50, double P99) Gallery(int size, int queries, int seed = 42)
    {
        const int dimension = 512;
        var random = new Random(seed);
        var gallery = new FaceGallery(dimension, size);
        var vector = new float[dimension];
        var enrolled = new List<(string Id, float[] Vector)>();
        for (var i = 0; i < size; i++)
        {
            FillGaussian(random, vector);
            gallery.Enroll($"c{i}", vector);
            if (i % Math.Max(1, size / 64) == 0)
            {
                enrolled.Add(($"c{i}", [.. vector]));
            }
        }

        var probes = Enumerable.Range(0, queries).Select(q =>
        {
            var probe = new float[dimension];
            FillGaussian(random, probe);
            var source = enrolled[q % enrolled.Count].Vector;
            for (var d = 0; d < dimension; d++)
            {
                // Mostly the enrolled face plus noise, as a second photo of the same person would be.
                probe[d] = source[d] + (0.7f * probe[d]);
            }

            return probe;
        }).ToArray();

        var threshold = FaceGallery.RecommendedThreshold;
        for (var i = 0; i < 20; i++)
        {
            _ = gallery.Search(probes[i % probes.Length], 5, threshold);
        }

        var latencies = new double[queries];
        var found = 0;
        for (var q = 0; q < queries; q++)
        {
            var start = Stopwatch.GetTimestamp();
            var matches = gallery.Search(probes[q], 5, threshold);
            latencies[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            found += matches.Count > 0 && matches[0].Id == enrolled[q % enrolled.Count].Id ? 1 : 0;
        }

        Array.Sort(latencies);
        var p50 = Percentile(latencies, 0.50);
        var p99 = Percentile(latencies, 0.99);
        log(string.Create(CultureInfo.InvariantCulture, $"gallery {size,7:N0}: {queries} searches (top-5, threshold {threshold}), {found} found their person, p50 {p50:F3} ms, p99 {p99:F3} ms"));
        return (p50, p99);
    }

    private (double Fps, int Count, int PeopleInView) Flow(List<Mat> frames, bool gate)
    {
        var line = (new Vector2(600 / 768f, 0), new Vector2(600 / 768f, 1));
        // Warm-up on a separate instance: the counted run must start with an empty background model.
        using (var warm = new PeopleFlow(Person, line, new PeopleDetectorOptions { MotionGate = gate }))
        {
            foreach (var frame in frames.Take(5))
            {
                _ = warm.Process(frame);
            }
        }

        using var flow = new PeopleFlow(Person, line, new PeopleDetectorOptions { MotionGate = gate });
        var start = Stopwatch.GetTimestamp();
        var inView = 0;
        foreach (var frame in frames)
        {
            inView += flow.Process(frame).Tracks.Count;
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return (frames.Count / seconds, flow.Inward + flow.Outward, inView);
    }

    private static void FillGaussian(Random random, float[] vector)
    {
        for (var d = 0; d < vector.Length; d++)
        {
            // Box-Muller: direction uniform on the sphere once normalised.
            var u = 1 - random.NextDouble();
            vector[d] = (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
