namespace OrleansHall.Vision.Faces;

/// <summary>
/// Soft stagewise regression (SSR-Net): each stage refines the previous one's bin with its own
/// probabilities, a bin shift and a bin-width adjustment; the stages are summed and scaled to the range.
/// </summary>
internal static class SsrNet
{
    public const int Stages = 3;

    public static float Merge(OnnxModel model, float range)
    {
        double total = 0;
        double width = 1;
        for (var k = 1; k <= Stages; k++)
        {
            var probabilities = model.Output($"prob_stage_{k}");
            var delta = model.Output($"stage{k}_delta_k")[0];
            var shifts = model.Output($"index_offset_stage{k}");
            var bins = probabilities.Length;
            width *= bins * (1 + delta);
            double stage = 0;
            for (var i = 0; i < bins; i++)
            {
                stage += (i + shifts[i]) * probabilities[i];
            }

            total += stage / width;
        }

        return (float)(total * range);
    }
}
