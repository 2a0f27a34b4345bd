using Orleans.Concurrency;
using System.Collections.Immutable;
using OrleansHall.Camera;
using OrleansHall.Common;
using OrleansHall.Grains.Common;
using OrleansHall.Vision.Faces;

namespace OrleansHall.Grains.Vision;

/// <summary>
/// The face-analysis front of the silo: a stateless worker, so every silo answers its own cameras' calls locally,
/// with the CPU work bounded by <see cref="VisionWorkers"/>.
/// </summary>
[StatelessWorker]
public sealed class VisionPoolGrain(VisionWorkers workers) : Grain, IVisionPool
{
    public async Task<FaceFrame> AnalyzeFacesAsync(byte[] jpeg)
    {
        // Camera frames are JPEG; an enrolment photo may also be a PNG.
        var reason = PngProbe.LooksLikePng(jpeg ?? [])
            ? PngProbe.Check(jpeg, out var width, out var height)
            : JpegProbe.Check(jpeg ?? [], out width, out height);
        if (reason is not null)
        {
            throw new RejectedRequestException($"Frame rejected: {reason}.");
        }

        var faces = await workers.AnalyzeFacesAsync(jpeg!);
        return new FaceFrame(width, height, [.. faces.Select(ToSeenFace)]);
    }

    public Task<VisionLoad> GetLoadAsync() => Task.FromResult(workers.Load());

    public static SeenFace ToSeenFace(FaceAnalysis face) => new(
        (int)MathF.Round(face.Box.Left),
        (int)MathF.Round(face.Box.Top),
        (int)MathF.Round(face.Box.Width),
        (int)MathF.Round(face.Box.Height),
        face.Score,
        face.Age,
        face.Gender == Gender.Male ? "male" : "female",
        face.Liveness,
        face.Embedding);
}
