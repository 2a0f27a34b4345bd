using System.Numerics.Tensors;
using OrleansHall.Vision.Gallery;

namespace OrleansHall.Vision.Tests.Gallery;

/// <summary>Large galleries are searched through compact codes first; the answers must be those of an exact scan.</summary>
public sealed class LargeGallerySearchTests
{
    [Theory]
    [InlineData(FaceGallery.CoarseFrom + 1000, 0.7f)] // SimHash first pass
    [InlineData(FaceGallery.ParallelFrom + 1000, 0.2f)] // 8-bit first pass over two threads
    [InlineData(FaceGallery.CoarseFrom + 1000, -1f)] // 8-bit first pass, every row eligible
    public void Matches_are_exactly_those_of_a_full_scan(int size, float threshold)
    {
        var random = new Random(7);
        var gallery = new FaceGallery(512, 1024);
        var vectors = new float[size][];
        for (var i = 0; i < size; i++)
        {
            vectors[i] = Gaussian(random, 512);
            gallery.Enroll($"p{i}", vectors[i]);
        }

        for (var q = 0; q < 40; q++)
        {
            // Half the probes are another "photo" of an enrolled person, half are strangers.
            var probe = Gaussian(random, 512);
            if (q % 2 == 0)
            {
                var source = vectors[random.Next(size)];
                TensorPrimitives.MultiplyAdd(probe, 0.6f, source, probe);
            }

            var expected = Exact(vectors, probe, 3, threshold);

            var actual = gallery.Search(probe, topK: 3, threshold: threshold);

            Assert.Equal(expected.Select(m => m.Id), actual.Select(m => m.Id));
            Assert.All(actual.Zip(expected), p => Assert.Equal(p.Second.Similarity, p.First.Similarity, 4));
        }
    }

    [Fact]
    public void A_removed_person_in_a_large_gallery_is_no_longer_found()
    {
        var random = new Random(3);
        var gallery = new FaceGallery(512, 16);
        var target = Gaussian(random, 512);
        for (var i = 0; i < FaceGallery.CoarseFrom * 2; i++)
        {
            gallery.Enroll($"p{i}", i == 100 ? target : Gaussian(random, 512));
        }

        Assert.Equal("p100", gallery.Search(target, 1, 0.9f).Single().Id);
        Assert.True(gallery.Remove("p100"));

        Assert.Empty(gallery.Search(target, 1, 0.9f));
    }

    private static List<GalleryMatch> Exact(float[][] vectors, float[] probe, int topK, float threshold)
    {
        var p = Normalised(probe);
        return [.. vectors
            .Select((v, i) => new GalleryMatch($"p{i}", TensorPrimitives.Dot(p, Normalised(v))))
            .Where(m => m.Similarity >= threshold)
            .OrderByDescending(m => m.Similarity)
            .Take(topK)];
    }

    private static float[] Normalised(float[] v)
    {
        var result = new float[v.Length];
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), result);
        return result;
    }

    private static float[] Gaussian(Random random, int dimension)
    {
        var v = new float[dimension];
        for (var d = 0; d < dimension; d++)
        {
            v[d] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return v;
    }
}
