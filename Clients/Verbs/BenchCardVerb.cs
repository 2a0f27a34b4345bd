using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OrleansHall.Clients.Benchmarks;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Clients.Vision;

namespace OrleansHall.Clients.Verbs;

/// <summary>Strategy-card latency, frame to handheld, through a running cluster.</summary>
public sealed class BenchCardVerb() : Verb(
    "bench card",
    "Enrols a VIP from sample2.jpg, then for each sighting opens a fresh hall of one region with a floating guide on duty (this " +
    "process is the guide's handheld) and sends the real photo (alternately mirrored) to its camera; measures from just before the " +
    "frame is submitted to the strategy card's arrival. Run it on an otherwise idle cluster. The last line is JSON with card_p50_ms and card_p95_ms.",
    "hallctl bench card --sightings 100",
    [Sightings, Media],
    ConnectionOptions.All)
{
    private static readonly Option<int> Sightings = HallCtlOption.Int("--sightings", "N", "How many sightings.", 60, 5, 2000);
    private static readonly Option<string> Media = HallCtlOption.Value("--media", "DIR", "sample2.jpg (default <repo>/.cache/media from deploy/fetch-media.sh).");

    public override void Validate(ParseResult args) => BenchCamerasVerb.MediaDirectory(args.GetValue(Media), "sample2.jpg");

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var photo = ImageFile.ReadBytes(Path.Combine(BenchCamerasVerb.MediaDirectory(args.GetValue(Media), "sample2.jpg"), "sample2.jpg"));
        byte[][] frames = [photo, Mirrored(photo)];
        var sightings = args.GetValue(Sightings);
        var result = await new CardLatencyBenchmark(context.Grains, context.Time, context.Note).RunAsync(photo, frames, sightings, context.Stopping);
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Sightings} sightings: card p50 {result.P50Ms:F0} ms, p95 {result.P95Ms:F0} ms, max {result.MaxMs:F0} ms, mean {result.MeanMs:F0} ms"));
        context.Output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["sightings"] = result.Sightings,
            ["card_p50_ms"] = Math.Round(result.P50Ms, 1),
            ["card_p95_ms"] = Math.Round(result.P95Ms, 1),
            ["card_max_ms"] = Math.Round(result.MaxMs, 1),
            ["card_mean_ms"] = Math.Round(result.MeanMs, 1),
        }));
        return ExitCodes.Ok;
    }

    private static byte[] Mirrored(byte[] jpeg)
    {
        using var image = OpenCvSharp.Cv2.ImDecode(jpeg, OpenCvSharp.ImreadModes.Color);
        using var flipped = image.Flip(OpenCvSharp.FlipMode.Y);
        OpenCvSharp.Cv2.ImEncode(".jpg", flipped, out var result, new OpenCvSharp.ImageEncodingParam(OpenCvSharp.ImwriteFlags.JpegQuality, 90));
        return result;
    }
}
