using System.CommandLine;
using OrleansHall.Clients.Agents;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Clients.Media;

namespace OrleansHall.Clients.Verbs;

/// <summary>A camera: streams JPEG frames from a folder of photos or a video file to its camera grain.</summary>
public sealed class CameraVerb() : Verb(
    "camera",
    "Streams JPEG frames to a camera (configuring it first if needed) from a folder of .jpg or a video file; prints accepted/rejected counts.",
    "hallctl camera --hall zhenhai --camera cam-entrance --source .cache/media/vtest.avi --fps 5 --loop",
    [Hall, Camera, Source, Fps, Loop, Name, Configure],
    ConnectionOptions.All)
{
    private static readonly Option<string> Hall = HallCtlOption.Id("--hall", "Hall id.", required: true);
    private static readonly Option<string> Camera = HallCtlOption.Id("--camera", "Camera id within the hall, e.g. cam-entrance.", required: true);
    private static readonly Option<string> Source = HallCtlOption.Value("--source", "FILE|FOLDER", "A video file (decoded with OpenCV) or a folder of .jpg files.", required: true);
    private static readonly Option<double> Fps = HallCtlOption.Double("--fps", "N", "Frames per second to send.", 5, 0.1, 60);
    private static readonly Option<bool> Loop = HallCtlOption.Flag("--loop", "Start the source again at its end (otherwise exit after one pass).");
    private static readonly Option<string> Name = HallCtlOption.Text("--name", "NAME", "Camera name used when configuring it (default: the camera id).", maxLength: 100);
    private static readonly Option<bool> Configure = HallCtlOption.Flag("--configure", "Configure the camera even if it is configured already.");

    public override bool LongRunning => true;

    public override void Validate(ParseResult args) => FrameSources.Open(args.GetRequiredValue(Source), args.GetValue(Fps), loop: false).Dispose();

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var (cameraId, fps, loop) = (args.GetRequiredValue(Camera), args.GetValue(Fps), args.GetValue(Loop));
        using var source = FrameSources.Open(args.GetRequiredValue(Source), fps, loop);
        var feed = new CameraFeed(context.Grains, args.GetRequiredValue(Hall), cameraId, source, fps, context.Time, context.Note);
        var link = new DeviceLink(context.Grains, context.Time, context.Note);
        await link.RetryTransientAsync(() => feed.EnsureConfiguredAsync(args.GetValue(Name) ?? cameraId, args.GetValue(Configure)), "configuring the camera", context.Stopping);
        context.Note($"camera {feed.Key}: streaming {source.Description} at {fps:0.#} fps{(loop ? ", looping" : "")}");

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
}
