using OpenCvSharp;
using OrleansHall.Vision.Faces;
using OrleansHall.Vision.Geometry;
using OrleansHall.Vision.People;

namespace OrleansHall.Clients.Vision;

/// <summary>Faces and people in one still image. People come from every tile of the image: a single image has no motion to gate on.</summary>
public sealed class StillAnalysis(FacePipeline faces, PersonModel person) : IDisposable
{
    // Photos are searched for people at most this many pixels on the long side, as camera frames are.
    private const int PeopleSearchSide = 960;

    private readonly PeopleDetector _people = new(person);

    public IReadOnlyList<FaceAnalysis> Faces(Mat image) => faces.Analyze(image);

    public IReadOnlyList<ScoredBox> People(Mat image)
    {
        var scale = Math.Min(1.0, PeopleSearchSide / (double)Math.Max(image.Cols, image.Rows));
        if (scale >= 1.0)
        {
            return _people.DetectStill(image);
        }

        using var small = new Mat();
        Cv2.Resize(image, small, new Size(0, 0), scale, scale, InterpolationFlags.Area);
        var back = (float)(1 / scale);
        return [.. _people.DetectStill(small).Select(p => p with { Box = p.Box.Scale(back, back).ClampTo(image.Cols, image.Rows) })];
    }

    public DetectionReport Report(Mat image) => new(
        [.. Faces(image).Select(f => new FaceReport(
            BoxArray(f.Box), Math.Round(f.Score, 3), Math.Round(f.Age, 1),
            f.Gender == Gender.Male ? "male" : "female", Math.Round(f.Liveness, 3)))],
        [.. People(image).Select(p => new PersonReport(BoxArray(p.Box), Math.Round(p.Score, 3)))]);

    public void Dispose() => _people.Dispose();

    private static double[] BoxArray(Box b) =>
        [Math.Round(b.Left, 1), Math.Round(b.Top, 1), Math.Round(b.Width, 1), Math.Round(b.Height, 1)];
}
