using OrleansHall.Clients.Agents;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Clients.Media;

namespace OrleansHall.Clients.Verbs;

/// <summary>A camera: streams JPEG frames from a folder of photos or a video file to its camera grain.</summary>
public sealed class CameraVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "camera",
        "Streams JPEG frames to a camera (configuring it first if needed) from a folder of .jpg or a video file; prints accepted/rejected counts.",
        [
            OptionSpec.Value("--hall", "ID", "Hall id.", required: true),
            OptionSpec.Value("--camera", "ID", "Camera id within the hall, e.g. cam-entrance.", required: true),
            OptionSpec.Value("--source", "FILE|FOLDER", "A video file (decoded with OpenCV) or a folder of .jpg files.", required: true),
            OptionSpec.Value("--fps", "N", "Frames per second to send (default 5)."),
            OptionSpec.Flag("--loop", "Start the source again at its end (otherwise exit after one pass)."),
            OptionSpec.Value("--name", "NAME", "Camera name used when configuring it (default: the camera id)."),
            OptionSpec.Flag("--configure", "Configure the camera even if it is configured already."),
            .. ClusterSettings.Options,
        ],
        "hallctl camera --hall zhenhai --camera cam-entrance --source .cache/media/vtest.avi --fps 5 --loop");

    public bool LongRunning => true;

    public void Validate(ParsedArgs args)
    {
        args.RequireId("--hall");
        args.RequireId("--camera");
        Fps(args);
        FrameSources.Open(args.Require("--source"), Fps(args), loop: false).Dispose();
    }

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var cameraId = args.RequireId("--camera");
        using var source = FrameSources.Open(args.Require("--source"), Fps(args), args.Has("--loop"));
        var feed = new CameraFeed(context.Grains, args.RequireId("--hall"), cameraId, source, Fps(args), context.Time, context.Note);
        var link = new DeviceLink(context.Grains, context.Time, context.Note);
        await link.RetryTransientAsync(() => feed.EnsureConfiguredAsync(args.Get("--name") ?? cameraId, args.Has("--configure")), "configuring the camera", context.Stopping);
        context.Note($"camera {feed.Key}: streaming {source.Description} at {Fps(args):0.#} fps{(args.Has("--loop") ? ", looping" : "")}");

        using var background = CancellationTokenSource.CreateLinkedTokenSource(context.Stopping);
        var status = StatusTicker.RunAsync(feed.StatusText, context.Output, context.Time, background.Token);
        try
        {
            await feed.RunAsync(context.Stopping);
        }
        catch (OperationCanceledException) when (context.Stopping.IsCancellationRequested)
        {
        }
        finally
        {
            await background.CancelAsync();
            await Background.WhenStoppedAsync(status);
            context.Output.WriteLine(feed.StatusText());
        }

        return ExitCodes.Ok;
    }

    private static double Fps(ParsedArgs args) => args.GetDouble("--fps", 5, 0.1, 60);
}
