using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OrleansHall.Clients.Benchmarks;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Clients.Media;
using OrleansHall.Clients.Vision;

namespace OrleansHall.Clients.Verbs;

/// <summary>Cameras per vision core with under 1 % of frames dropped, through a running cluster's camera grains.</summary>
public sealed class BenchCamerasVerb() : Verb(
    "bench cameras",
    "Ramps up cameras of a fresh hall in region 'bench' (half on vtest.avi with a door line, half on the six portrait photos), " +
    "each fed at 1 fps through the real camera grains and vision pool, and reports the most cameras per vision slot (core) " +
    "with under 1 % of frames dropped, with the slots' mean milliseconds per frame for people and per face analysis. " +
    "Run it on an otherwise idle cluster (not alongside `run.sh`'s simulator). The last line is one JSON object.",
    "hallctl bench cameras --max 8",
    [Start, Step, Max, Fps, Seconds, MediaOption],
    ConnectionOptions.All)
{
    private static readonly Option<int?> Start = HallCtlOption.IntOrNone("--start", "N", "Cameras in the first step (default: one per vision slot).", 1, 1000);
    private static readonly Option<int> Step = HallCtlOption.Int("--step", "N", "Cameras added per step.", 1, 1, 100);
    private static readonly Option<int> Max = HallCtlOption.Int("--max", "N", "Stop ramping at this many cameras.", 64, 1, 1000);
    private static readonly Option<double> Fps = HallCtlOption.Double("--fps", "F", "Frames per second per camera.", 1, 0.1, 30);
    private static readonly Option<int> Seconds = HallCtlOption.Int("--seconds", "S", "Measured seconds per step, after a 10 s warm-up.", 30, 5, 3600);
    private static readonly Option<string> MediaOption = HallCtlOption.Value("--media", "DIR", "vtest.avi and sample1..6.jpg (default <repo>/.cache/media from deploy/fetch-media.sh).");

    public override void Validate(ParseResult args) => Media(args);

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var ramp = Ramp(args);
        var media = Media(args);
        var footage = LoadFootage(Path.Combine(media, "vtest.avi"));
        var photos = Enumerable.Range(1, 6).Select(n => ImageFile.ReadBytes(Path.Combine(media, $"sample{n}.jpg"))).ToList();
        context.Note($"{footage.Count} footage frames and {photos.Count} photos loaded; each step runs 10 s of warm-up and {ramp.Measure.TotalSeconds:0} s measured");
        var hallId = $"benchcam-{Guid.NewGuid():N}"[..17];
        var result = await new CameraCapacityBenchmark(context.Grains, context.Time, context.Note).RunAsync(hallId, footage, photos, ramp, context.Stopping);
        var best = result.Best;
        context.Output.WriteLine(best is null
            ? $"no step kept drops under {ramp.MaxDropRate:P0} (first step: {result.Steps.FirstOrDefault()?.Cameras} cameras)"
            : string.Create(CultureInfo.InvariantCulture,
                $"{best.Cameras} cameras on {result.VisionSlots} vision slot(s) = {result.CamerasPerCore} cameras per core at {ramp.Fps:0.##} fps, drop rate {best.DropRate:P2}"));
        var reference = best ?? result.Steps.FirstOrDefault();
        context.Output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["cameras_per_core"] = result.CamerasPerCore,
            ["cameras"] = best?.Cameras ?? 0,
            ["vision_slots"] = result.VisionSlots,
            ["fps"] = ramp.Fps,
            ["drop_rate"] = reference?.DropRate,
            ["people_ms"] = reference?.PeopleMs,
            ["faces_ms"] = reference?.FacesMs,
            ["decode_draw_ms"] = reference?.OtherMs,
            ["steps"] = result.Steps.Select(s => new { cameras = s.Cameras, drop_rate = s.DropRate, frames = s.FramesAccepted }).ToList(),
        }));
        return ExitCodes.Ok;
    }

    private static CameraRamp Ramp(ParseResult args) => new(
        args.GetValue(Start), args.GetValue(Step), args.GetValue(Max), args.GetValue(Fps), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(args.GetValue(Seconds)));

    private static string Media(ParseResult args) => MediaDirectory(args.GetValue(MediaOption), "vtest.avi", "sample1.jpg");

    /// <summary>The --media folder (default the repository's .cache/media), checked to hold the files named.</summary>
    public static string MediaDirectory(string? given, params string[] required)
    {
        var media = given is { } m
            ? Path.GetFullPath(m)
            : Path.Combine(Path.GetDirectoryName(ModelDirectory.Resolve(null, Environment.GetEnvironmentVariable, AppContext.BaseDirectory))!, "media");
        foreach (var file in required)
        {
            if (!File.Exists(Path.Combine(media, file)))
            {
                throw new UsageException($"option '--media': '{Path.Combine(media, file)}' is missing; run deploy/fetch-media.sh to fetch the media");
            }
        }

        return media;
    }

    /// <summary>The whole clip at one frame a second, as JPEGs, so the feeds only send bytes.</summary>
    private static List<byte[]> LoadFootage(string video)
    {
        using var source = new VideoFileSource(video, 1, loop: false);
        var frames = new List<byte[]>();
        while (source.Next() is { } jpeg)
        {
            frames.Add(jpeg);
        }

        return frames;
    }
}
