using System.Numerics;

namespace OrleansHall.Vision.Geometry;

/// <summary>An axis-aligned box in pixels, corner form (left/top inclusive, right/bottom exclusive).</summary>
public readonly record struct Box(float Left, float Top, float Right, float Bottom)
{
    public float Width => Right - Left;

    public float Height => Bottom - Top;

    public float Area => Width > 0 && Height > 0 ? Width * Height : 0f;

    public Vector2 Center => new((Left + Right) / 2f, (Top + Bottom) / 2f);

    public static Box FromSize(float x, float y, float width, float height) => new(x, y, x + width, y + height);

    /// <summary>Intersection over union; 0 when the boxes do not overlap or either is empty.</summary>
    public float IntersectionOverUnion(Box other)
    {
        var w = MathF.Min(Right, other.Right) - MathF.Max(Left, other.Left);
        var h = MathF.Min(Bottom, other.Bottom) - MathF.Max(Top, other.Top);
        if (w <= 0 || h <= 0)
        {
            return 0f;
        }

        var intersection = w * h;
        var union = Area + other.Area - intersection;
        return union <= 0 ? 0f : intersection / union;
    }

    public Box Scale(float sx, float sy) => new(Left * sx, Top * sy, Right * sx, Bottom * sy);

    public Box Offset(float dx, float dy) => new(Left + dx, Top + dy, Right + dx, Bottom + dy);

    /// <summary>Clamps the box to an image of the given size.</summary>
    public Box ClampTo(int imageWidth, int imageHeight) => new(
        Math.Clamp(Left, 0, imageWidth), Math.Clamp(Top, 0, imageHeight),
        Math.Clamp(Right, 0, imageWidth), Math.Clamp(Bottom, 0, imageHeight));

    public static Box Union(Box a, Box b) => new(
        MathF.Min(a.Left, b.Left), MathF.Min(a.Top, b.Top), MathF.Max(a.Right, b.Right), MathF.Max(a.Bottom, b.Bottom));
}
