using System.CommandLine;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Vision;
using OrleansHall.Vision.Faces;
using OrleansHall.Vision.Gallery;

namespace OrleansHall.Clients.Verbs;

public sealed class VisionCompareVerb() : OfflineVerb(
    "vision compare",
    ["IMAGE_A", "IMAGE_B"],
    "Compares the largest face of two JPEG/PNG images: cosine similarity of their embeddings and whether it reaches " +
    $"the match threshold ({FaceGallery.RecommendedThreshold.ToString(CultureInfo.InvariantCulture)}). Needs no cluster.",
    "hallctl vision compare visitor.jpg enrolled.jpg --json",
    [Json, Models])
{
    private static readonly Option<bool> Json = HallCtlOption.Flag("--json", "Print {\"similarity\":..,\"same\":..,\"threshold\":..} as one line of JSON.");
    private static readonly Option<string> Models = HallCtlOption.Value("--models", "DIR", "Face models (default $ORLEANSHALL_MODELS, else <repo>/.cache/models from deploy/fetch-media.sh).");

    protected override Task<int> ExecuteAsync(ParseResult options, IReadOnlyList<string> operands, TextWriter output, CancellationToken stopping)
    {
        using var a = ImageFile.Read(operands[0]);
        using var b = ImageFile.Read(operands[1]);
        using var pipeline = new FacePipeline(ModelDirectory.Load(options.GetValue(Models)), new FacePipelineOptions { EstimateAttributes = false });
        var faceA = LargestFace(pipeline, a, operands[0]);
        var faceB = LargestFace(pipeline, b, operands[1]);
        var similarity = TensorPrimitives.Dot<float>(faceA.Embedding, faceB.Embedding);
        var threshold = FaceGallery.RecommendedThreshold;
        var report = new ComparisonReport(Math.Round(similarity, 4), similarity >= threshold, Math.Round((double)threshold, 4));
        output.WriteLine(options.GetValue(Json)
            ? JsonSerializer.Serialize(report, JsonOutput.Options)
            : string.Create(CultureInfo.InvariantCulture,
                $"similarity {report.Similarity:F3} (threshold {threshold:F2}): {(report.Same ? "same person" : "different people")}"));
        return Task.FromResult(ExitCodes.Ok);
    }

    private static FaceAnalysis LargestFace(FacePipeline pipeline, OpenCvSharp.Mat image, string path) =>
        pipeline.Analyze(image).MaxBy(f => f.Box.Area)
        ?? throw new VisionInputException($"'{path}' shows no face; expected a photo with at least one visible face");
}
