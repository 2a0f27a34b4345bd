namespace OrleansHall.Vision.Geometry;

/// <summary>
/// The square-ish context crops the attribute models expect: the face box grown around its centre,
/// shrunk if it cannot fit, then slid back inside the image rather than cut.
/// </summary>
public static class FaceCrop
{
    public static Box Expand(Box face, float scale, int imageWidth, int imageHeight)
    {
        if (face.Width <= 0 || face.Height <= 0)
        {
            throw new ArgumentException($"Face box {face} is empty; expected positive width and height.", nameof(face));
        }

        var fit = MathF.Min(scale, MathF.Min((imageWidth - 1) / face.Width, (imageHeight - 1) / face.Height));
        var w = face.Width * fit;
        var h = face.Height * fit;
        var c = face.Center;
        var left = c.X - (w / 2);
        var top = c.Y - (h / 2);
        left = Math.Clamp(left, 0, MathF.Max(0, imageWidth - 1 - w));
        top = Math.Clamp(top, 0, MathF.Max(0, imageHeight - 1 - h));
        return new Box(left, top, left + w, top + h);
    }
}
