using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Vision;
using OrleansHall.Vision.Faces;

namespace OrleansHall.Clients.Verbs;

public sealed class VisionDetectVerb() : OfflineVerb(
    "vision detect",
    ["IMAGE"],
    "Finds faces (box, score, age, gender, liveness) and people in a JPEG/PNG (at most 20 MB, 8192 px a side). " +
    "People come from the SSD person detector over every tile of the still image: the motion gate of camera feeds does not apply to a single image. " +
    "Needs no cluster.",
    "hallctl vision detect .cache/media/sample1.jpg --json",
    [Json, Models])
{
    private static readonly Option<bool> Json = HallCtlOption.Flag("--json", "Print {\"faces\":[...],\"people\":[...]} as one line of JSON.");
    private static readonly Option<string> Models = HallCtlOption.Value("--models", "DIR", "Face models (default $ORLEANSHALL_MODELS, else <repo>/.cache/models from deploy/fetch-media.sh).");

    protected override Task<int> ExecuteAsync(ParseResult options, IReadOnlyList<string> operands, TextWriter output, CancellationToken stopping)
    {
        using var image = ImageFile.Read(operands[0]);
        var models = ModelDirectory.Load(options.GetValue(Models));
        using var pipeline = new FacePipeline(models);
        using var person = new OrleansHall.Vision.People.PersonModel(models.Person);
        using var still = new StillAnalysis(pipeline, person);
        var report = still.Report(image);
        if (options.GetValue(Json))
        {
            output.WriteLine(JsonSerializer.Serialize(report, JsonOutput.Options));
            return Task.FromResult(ExitCodes.Ok);
        }

        output.WriteLine($"{operands[0]}: {image.Cols}x{image.Rows}, {report.Faces.Count} face(s), {report.People.Count} person(s)");
        if (report.Faces.Count > 0)
        {
            output.WriteLine($"  {"face",-5}{"box x,y,w,h",-26}{"score",7}{"age",6}  {"gender",-8}{"liveness",8}");
            for (var i = 0; i < report.Faces.Count; i++)
            {
                var f = report.Faces[i];
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {i + 1,-5}{Box(f.Box),-26}{f.Score,7:F2}{f.Age,6:F0}  {f.Gender,-8}{f.Liveness,8:F2}"));
            }
        }

        for (var i = 0; i < report.People.Count; i++)
        {
            var p = report.People[i];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  person {i + 1,-3}{Box(p.Box),-26}{p.Score,7:F2}"));
        }

        return Task.FromResult(ExitCodes.Ok);
    }

    private static string Box(double[] b) => string.Create(CultureInfo.InvariantCulture, $"{b[0]:F0},{b[1]:F0},{b[2]:F0},{b[3]:F0}");
}
