using System.Globalization;
using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Vision;

namespace OrleansHall.Clients.Verbs;

public sealed class BenchVisionVerb() : OfflineVerb(
    "bench vision",
    [],
    "Measures the vision stack in one process: faces/s of bare ONNX sessions on the pipeline's own tensors vs the whole " +
    "pipeline from JPEG bytes (sample1..6.jpg), people-flow fps on vtest.avi with and without the motion gate (and the " +
    "line counts of both), and 1:N gallery search p50/p99 at 10 000 and 100 000 entries. The last line is one JSON object.",
    [
        OptionSpec.Flag("--json-only", "Print only the final JSON line."),
        OptionSpec.Value("--rounds", "N", "Timed passes over the six photos (default 10, after 2 warm-up passes)."),
        OptionSpec.Value("--frames", "N", "Frames of vtest.avi to run both ways (default 200; the ungated run is the slow part)."),
        OptionSpec.Value("--queries", "N", "Searches timed per gallery size (default 1000)."),
        OptionSpec.Value("--media", "DIR", "Photos and video (default <repo>/.cache/media from deploy/fetch-media.sh)."),
        OptionSpec.Value("--models", "DIR", "Face models (default $ORLEANSHALL_MODELS, else <repo>/.cache/models from deploy/fetch-media.sh)."),
    ],
    "hallctl bench vision")
{
    protected override Task<int> ExecuteAsync(ParsedArgs options, IReadOnlyList<string> operands, TextWriter output, CancellationToken stopping)
    {
        var rounds = options.GetInt("--rounds", 10, 1, 1000);
        var frames = options.GetInt("--frames", 200, 10, 100_000);
        var queries = options.GetInt("--queries", 1000, 100, 1_000_000);
        var quiet = options.Has("--json-only");
        var models = ModelDirectory.Load(options.Get("--models"));
        var media = options.Get("--media") is { } m ? Path.GetFullPath(m) : Path.Combine(Path.GetDirectoryName(models.Directory)!, "media");
        var photos = Enumerable.Range(1, 6).Select(n => ImageFile.ReadBytes(Path.Combine(media, $"sample{n}.jpg"))).ToList();
        var video = Path.Combine(media, "vtest.avi");
        if (!File.Exists(video))
        {
            throw new VisionInputException($"'{video}' is missing; expected vtest.avi (run deploy/fetch-media.sh)");
        }

        using var bench = new VisionBenchmark(models, line =>
        {
            if (!quiet)
            {
                output.WriteLine(line);
                output.Flush();
            }
        });
        var (faces, raw, pipeline) = bench.Faces(photos, rounds);
        var ratio = pipeline / raw;
        if (!quiet)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"faces/s: raw sessions {raw:F1}, pipeline {pipeline:F1}, ratio {ratio:F3} (goal >= 0.85)"));
        }

        var (videoFrames, gatedFps, ungatedFps, gatedCount, ungatedCount, gatedPeople, ungatedPeople) = bench.Video(video, frames);
        var (p50Small, p99Small) = bench.Gallery(10_000, queries);
        var (p50Large, p99Large) = bench.Gallery(100_000, queries);
        var summary = new BenchSummary(
            faces, Math.Round(raw, 2), Math.Round(pipeline, 2), Math.Round(ratio, 4),
            videoFrames, Math.Round(gatedFps, 2), Math.Round(ungatedFps, 2), gatedCount, ungatedCount,
            gatedPeople, ungatedPeople, Math.Round(gatedFps / ungatedFps, 2),
            Math.Round(p50Small, 4), Math.Round(p99Small, 4), Math.Round(p50Large, 4), Math.Round(p99Large, 4));
        output.WriteLine(JsonSerializer.Serialize(summary));
        return Task.FromResult(ExitCodes.Ok);
    }
}
