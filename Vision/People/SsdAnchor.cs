namespace OrleansHall.Vision.People;

/// <summary>
/// One of the SSD's fixed prior boxes, in 0..1 of the input. The grid is MediaPipe's configuration for this model:
/// 6 feature maps (strides 16 to 512 on 300 px), scales from 0.2 to 0.95, aspect ratios 1, 2, 1/2, 3, 1/3 plus one
/// between this scale and the next, and only three boxes per cell on the finest map.
/// </summary>
internal readonly record struct SsdAnchor(float CenterX, float CenterY, float Width, float Height)
{
    public static SsdAnchor[] Generate(int inputSize)
    {
        int[] strides = [16, 32, 64, 128, 256, 512];
        float[] ratios = [1f, 2f, 0.5f, 3f, 0.3333f];
        const float minScale = 0.2f, maxScale = 0.95f;
        float Scale(int layer) => minScale + ((maxScale - minScale) * layer / (strides.Length - 1));

        var anchors = new List<SsdAnchor>();
        for (var layer = 0; layer < strides.Length; layer++)
        {
            var shapes = new List<(float Ratio, float Scale)>();
            if (layer == 0)
            {
                shapes.AddRange([(1f, 0.1f), (2f, Scale(0)), (0.5f, Scale(0))]);
            }
            else
            {
                shapes.AddRange(ratios.Select(r => (r, Scale(layer))));
                var next = layer == strides.Length - 1 ? 1f : Scale(layer + 1);
                shapes.Add((1f, MathF.Sqrt(Scale(layer) * next)));
            }

            var cells = (int)Math.Ceiling(inputSize / (double)strides[layer]);
            for (var y = 0; y < cells; y++)
            {
                for (var x = 0; x < cells; x++)
                {
                    foreach (var (ratio, scale) in shapes)
                    {
                        var root = MathF.Sqrt(ratio);
                        anchors.Add(new SsdAnchor((x + 0.5f) / cells, (y + 0.5f) / cells, scale * root, scale / root));
                    }
                }
            }
        }

        return [.. anchors];
    }
}
