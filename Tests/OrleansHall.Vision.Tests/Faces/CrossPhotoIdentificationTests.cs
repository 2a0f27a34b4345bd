using OrleansHall.Vision.Faces;
using OrleansHall.Vision.Gallery;
using Xunit.Abstractions;

namespace OrleansHall.Vision.Tests.Faces;

/// <summary>
/// Identification from a different photo than the one enrolled, as at a hall's door. The recurring people were
/// found by eye on crops of all 22 faces (hair, brows, nose, lips, chin): only one woman appears twice, the
/// right-hand woman of sample1.jpg and the middle woman of sample3.jpg. Faces are named by photo and their order
/// from left to right ("s1f2" is the third face from the left in sample1.jpg).
/// </summary>
[Collection(MediaCollection.Name)]
public sealed class CrossPhotoIdentificationTests(MediaFixture media, ITestOutputHelper output)
{
    /// <summary>Genuine cross-photo pairs: the same woman in two photos.</summary>
    public static readonly (string A, string B)[] SamePerson = [("s1f2", "s3f1")];

    [Fact]
    public void The_same_woman_in_two_photos_is_matched_and_no_two_different_women_are()
    {
        var faces = Faces();
        var genuine = new List<(string Pair, float Similarity)>();
        var impostors = new List<(string Pair, float Similarity)>();
        var names = faces.Keys.Order().ToList();
        for (var i = 0; i < names.Count; i++)
        {
            for (var j = i + 1; j < names.Count; j++)
            {
                var (a, b) = (names[i], names[j]);
                var similarity = System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(faces[a], faces[b]);
                (IsSamePerson(a, b) ? genuine : impostors).Add(($"{a}~{b}", similarity));
            }
        }

        var sorted = impostors.OrderByDescending(p => p.Similarity).ToList();
        output.WriteLine($"genuine cross-photo: {string.Join(", ", genuine.Select(g => $"{g.Pair} {g.Similarity:F3}"))}");
        output.WriteLine($"impostors: {impostors.Count} pairs, highest {string.Join(", ", sorted.Take(3).Select(p => $"{p.Pair} {p.Similarity:F3}"))}, " +
            $"median {sorted[sorted.Count / 2].Similarity:F3}; threshold {FaceGallery.RecommendedThreshold}");

        Assert.Equal(22, faces.Count);
        Assert.Equal(SamePerson.Length, genuine.Count);
        Assert.All(genuine, g => Assert.True(g.Similarity >= FaceGallery.RecommendedThreshold,
            $"{g.Pair} (the same woman) scores {g.Similarity:F3}, under the threshold {FaceGallery.RecommendedThreshold}"));
        Assert.All(impostors, p => Assert.True(p.Similarity < FaceGallery.RecommendedThreshold,
            $"{p.Pair} (two different women) scores {p.Similarity:F3}, at or over the threshold {FaceGallery.RecommendedThreshold}"));
        Assert.True(sorted[0].Similarity <= FaceGallery.RecommendedThreshold - 0.05f,
            $"the closest impostor pair {sorted[0].Pair} scores {sorted[0].Similarity:F3}: less than 0.05 below the threshold");
    }

    [Fact]
    public void A_woman_enrolled_from_one_photo_is_identified_in_another_and_nobody_else_there_is_taken_for_her()
    {
        var faces = Faces();
        var gallery = new FaceGallery();
        gallery.Enroll("customer", faces["s3f1"]);

        var recognised = faces.Where(f => f.Key.StartsWith("s1", StringComparison.Ordinal))
            .Where(f => gallery.Search(f.Value, topK: 1, threshold: FaceGallery.RecommendedThreshold).Count == 1)
            .Select(f => f.Key)
            .ToList();

        Assert.Equal(["s1f2"], recognised);
    }

    internal static bool IsSamePerson(string a, string b) => SamePerson.Any(p => (p.A == a && p.B == b) || (p.A == b && p.B == a));

    /// <summary>Every face of the six photos by name, each photo's faces numbered from left to right.</summary>
    private Dictionary<string, float[]> Faces()
    {
        using var pipeline = new FacePipeline(media.Models, new FacePipelineOptions { EstimateAttributes = false });
        var faces = new Dictionary<string, float[]>();
        for (var n = 1; n <= 6; n++)
        {
            var ordered = pipeline.Analyze(File.ReadAllBytes(media.Photo(n))).OrderBy(f => f.Box.Center.X).ToList();
            for (var k = 0; k < ordered.Count; k++)
            {
                faces[$"s{n}f{k}"] = ordered[k].Embedding;
            }
        }

        return faces;
    }
}
