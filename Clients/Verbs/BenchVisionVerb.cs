using System.CommandLine;
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
    "hallctl bench vision",
    [JsonOnly, Rounds, Frames, Queries, Media, Models])
{
    private static readonly Option<bool> JsonOnly = HallCtlOption.Flag("--json-only", "Print only the final JSON line.");
    private static readonly Option<int> Rounds = HallCtlOption.Int("--rounds", "N", "Timed passes over the six photos, after 2 warm-up passes.", 10, 1, 1000);
    private static readonly Option<int> Frames = HallCtlOption.Int("--frames", "N", "Frames of vtest.avi to run both ways (the ungated run is the slow part).", 200, 10, 100_000);
    private static readonly Option<int> Queries = HallCtlOption.Int("--queries", "N", "Searches timed per gallery size.", 1000, 100, 1_000_000);
    private static readonly Option<string> Media = HallCtlOption.Value("--media", "DIR", "Photos and video (default <repo>/.cache/media from deploy/fetch-media.sh).");
    private static readonly Option<string> Models = HallCtlOption.Value("--models", "DIR", "Face models (default $ORLEANSHALL_MODELS, else <repo>/.cache/models from deploy/fetch-media.sh).");

    protected override Task<int> ExecuteAsync(ParseResult options, IReadOnlyList<string> operands, TextWriter output, CancellationToken stopping)
    {
        var rounds = options.GetValue(Rounds);
        var frames = options.GetValue(Frames);
        var queries = options.GetValue(Queries);
        var quiet = options.GetValue(JsonOnly);
        var models = ModelDirectory.Load(options.GetValue(Models));
        var media = options.GetValue(Media) is { } m ? Path.GetFullPath(m) : Path.Combine(Path.GetDirectoryName(models.Directory)!, "media");
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
