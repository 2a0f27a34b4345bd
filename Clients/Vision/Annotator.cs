using System.Globalization;
using OpenCvSharp;
using OrleansHall.Vision.Faces;
using OrleansHall.Vision.Geometry;
using OrleansHall.Vision.Tracking;

namespace OrleansHall.Clients.Vision;

/// <summary>Draws what the vision pipeline saw: faces (green, age/gender), people (blue) and tracks (orange, with id).</summary>
public static class Annotator
{
    private static readonly Scalar FaceColour = new(60, 200, 60);
    private static readonly Scalar PersonColour = new(230, 120, 30);
    private static readonly Scalar TrackColour = new(0, 140, 255);

    public static void DrawFaces(Mat image, IEnumerable<FaceAnalysis> faces)
    {
        var thickness = Thickness(image);
        foreach (var f in faces)
        {
            Cv2.Rectangle(image, ToRect(f.Box), FaceColour, thickness);
            var gender = f.Gender switch { Gender.Male => "M", Gender.Female => "F", _ => "?" };
            Label(image, string.Create(CultureInfo.InvariantCulture, $"{gender} {f.Age:F0}"), f.Box, FaceColour);
        }
    }

    public static void DrawPeople(Mat image, IEnumerable<ScoredBox> people)
    {
        var thickness = Thickness(image);
        foreach (var p in people)
        {
            Cv2.Rectangle(image, ToRect(p.Box), PersonColour, thickness);
        }
    }

    public static void DrawTracks(Mat image, IEnumerable<Track> tracks)
    {
        var thickness = Thickness(image);
        foreach (var t in tracks)
        {
            Cv2.Rectangle(image, ToRect(t.Box), TrackColour, thickness);
            Label(image, string.Create(CultureInfo.InvariantCulture, $"#{t.Id}"), t.Box, TrackColour);
        }
    }

    private static void Label(Mat image, string text, Box box, Scalar colour)
    {
        var scale = Math.Max(0.5, image.Rows / 1000.0);
        var at = new Point((int)box.Left, Math.Max(12, (int)box.Top - 4));
        Cv2.PutText(image, text, at, HersheyFonts.HersheySimplex, scale, colour, Math.Max(1, (int)(scale * 2)), LineTypes.AntiAlias);
    }

    private static int Thickness(Mat image) => Math.Max(1, Math.Max(image.Cols, image.Rows) / 600);

    private static Rect ToRect(Box b) => new((int)b.Left, (int)b.Top, Math.Max(1, (int)b.Width), Math.Max(1, (int)b.Height));
}
