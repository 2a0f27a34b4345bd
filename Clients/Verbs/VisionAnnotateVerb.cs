using System.CommandLine;
using OpenCvSharp;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Vision;
using OrleansHall.Vision.Faces;
using OrleansHall.Vision.People;

namespace OrleansHall.Clients.Verbs;

public sealed class VisionAnnotateVerb() : OfflineVerb(
    "vision annotate",
    ["INPUT", "OUTPUT"],
    "Draws face boxes with gender and age, person boxes and (for video) track ids. INPUT and OUTPUT are both images " +
    "(.jpg/.jpeg/.png; input at most 20 MB, 8192 px a side) or both videos (.avi written as MJPG, .mp4 as mp4v). " +
    "Video people are motion-gated and tracked as on a camera. Needs no cluster.",
    "hallctl vision annotate .cache/media/vtest.avi /tmp/vtest-annotated.avi --max-frames 200",
    [MaxFrames, Models])
{
    private static readonly Option<int?> MaxFrames = HallCtlOption.IntOrNone("--max-frames", "N", "Stop a video after N frames (default: all).", 1, int.MaxValue);
    private static readonly Option<string> Models = HallCtlOption.Value("--models", "DIR", "Face models (default $ORLEANSHALL_MODELS, else <repo>/.cache/models from deploy/fetch-media.sh).");

    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png"];
    private static readonly string[] VideoExtensions = [".avi", ".mp4"];

    protected override Task<int> ExecuteAsync(ParseResult options, IReadOnlyList<string> operands, TextWriter output, CancellationToken stopping)
    {
        var (input, target) = (operands[0], operands[1]);
        var inputIsVideo = Kind(input, "INPUT", [.. VideoExtensions, ".mov", ".mkv"]);
        var outputIsVideo = Kind(target, "OUTPUT", VideoExtensions);
        if (inputIsVideo != outputIsVideo)
        {
            throw new UsageException($"INPUT '{input}' is {(inputIsVideo ? "a video" : "an image")} but OUTPUT '{target}' is {(outputIsVideo ? "a video" : "an image")}; expected both images or both videos");
        }

        var maxFrames = options.GetValue(MaxFrames) ?? int.MaxValue;
        var folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
        if (!Directory.Exists(folder))
        {
            throw new VisionInputException($"output folder '{folder}' does not exist; expected an existing folder for '{target}'");
        }

        var models = ModelDirectory.Load(options.GetValue(Models));
        using var pipeline = new FacePipeline(models);
        using var person = new PersonModel(models.Person);
        if (!inputIsVideo)
        {
            using var image = ImageFile.Read(input);
            using var still = new StillAnalysis(pipeline, person);
            var faces = still.Faces(image);
            var people = still.People(image);
            Annotator.DrawPeople(image, people);
            Annotator.DrawFaces(image, faces);
            if (!Cv2.ImWrite(target, image))
            {
                throw new VisionInputException($"could not write '{target}'; expected a writable .jpg or .png path");
            }

            output.WriteLine($"{target}: {image.Cols}x{image.Rows}, {faces.Count} face(s), {people.Count} person(s)");
            return Task.FromResult(ExitCodes.Ok);
        }

        var frames = AnnotateVideo(pipeline, person, input, target, maxFrames, stopping, out var size, out var tracks);
        output.WriteLine($"{target}: {size.Width}x{size.Height}, {frames} frame(s), {tracks} track(s)");
        return Task.FromResult(ExitCodes.Ok);
    }

    private static int AnnotateVideo(FacePipeline pipeline, PersonModel person, string input, string target, int maxFrames, CancellationToken stopping, out Size size, out long tracks)
    {
        if (!File.Exists(input))
        {
            throw new VisionInputException($"'{input}' does not exist; expected a video file (.avi, .mp4, .mov, .mkv)");
        }

        using var capture = new VideoCapture(input);
        using var frame = new Mat();
        if (!capture.IsOpened() || !capture.Read(frame) || frame.Empty())
        {
            throw new VisionInputException($"'{input}' could not be read as a video; expected a playable .avi, .mp4, .mov or .mkv file");
        }

        size = new Size(frame.Cols, frame.Rows);
        if (size.Width > ImageFile.MaxSide || size.Height > ImageFile.MaxSide)
        {
            throw new VisionInputException($"'{input}' has {size.Width}x{size.Height} px frames; expected at most {ImageFile.MaxSide} px a side");
        }

        var fps = capture.Fps is > 0 and < 1000 ? capture.Fps : 25;
        var fourcc = Path.GetExtension(target).Equals(".mp4", StringComparison.OrdinalIgnoreCase)
            ? VideoWriter.FourCC('m', 'p', '4', 'v')
            : VideoWriter.FourCC('M', 'J', 'P', 'G');
        using var writer = new VideoWriter(target, fourcc, fps, size);
        if (!writer.IsOpened())
        {
            throw new VisionInputException($"could not open '{target}' for writing; expected a writable .avi or .mp4 path");
        }

        using var flow = new PeopleFlow(person);
        var seen = new HashSet<long>();
        var count = 0;
        do
        {
            if (frame.Cols != size.Width || frame.Rows != size.Height)
            {
                throw new VisionInputException($"'{input}' changes frame size at frame {count}; expected {size.Width}x{size.Height} throughout");
            }

            var update = flow.Process(frame);
            var faces = pipeline.Analyze(frame);
            Annotator.DrawPeople(frame, update.People);
            Annotator.DrawTracks(frame, update.Tracks);
            Annotator.DrawFaces(frame, faces);
            seen.UnionWith(update.Tracks.Select(t => t.Id));
            writer.Write(frame);
            count++;
        }
        while (count < maxFrames && !stopping.IsCancellationRequested && capture.Read(frame) && !frame.Empty());

        tracks = seen.Count;
        return count;
    }

    private static bool Kind(string path, string operand, string[] videoExtensions)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (ImageExtensions.Contains(extension))
        {
            return false;
        }

        if (videoExtensions.Contains(extension))
        {
            return true;
        }

        throw new UsageException(
            $"{operand} '{path}' has extension '{extension}'; expected one of {string.Join(", ", ImageExtensions.Concat(videoExtensions))}");
    }
}
