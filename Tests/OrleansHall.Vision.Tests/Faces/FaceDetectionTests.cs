using OpenCvSharp;
using OrleansHall.Vision.Faces;
using Xunit.Abstractions;

namespace OrleansHall.Vision.Tests.Faces;

[Collection(MediaCollection.Name)]
public sealed class FaceDetectionTests(MediaFixture media, ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 3)]
    [InlineData(3, 3)]
    [InlineData(4, 4)]
    [InlineData(5, 5)]
    [InlineData(6, 4)]
    public void Every_visible_face_in_a_group_photo_is_found_once(int photo, int expectedFaces)
    {
        using var pipeline = new FacePipeline(media.Models);

        var faces = pipeline.Analyze(File.ReadAllBytes(media.Photo(photo)));

        output.WriteLine($"sample{photo}: " + string.Join(" | ", faces.Select(f =>
            $"score {f.Score:F2} box {f.Box.Width:F0}px age {f.Age:F0} male {f.MaleScore:F2} live {f.Liveness:F2}")));
        Assert.Equal(expectedFaces, faces.Count);
        Assert.All(faces, f =>
        {
            Assert.Equal(68, f.Landmarks.Length);
            Assert.All(f.Landmarks, p => Assert.True(
                p.X >= f.Box.Left - f.Box.Width * 0.25f && p.X <= f.Box.Right + f.Box.Width * 0.25f
                && p.Y >= f.Box.Top - f.Box.Height * 0.25f && p.Y <= f.Box.Bottom + f.Box.Height * 0.25f,
                $"landmark {p} far outside face box {f.Box}"));
            Assert.Equal(512, f.Embedding.Length);
            Assert.Equal(1f, MathF.Sqrt(f.Embedding.Sum(v => v * v)), 3);
            Assert.InRange(f.Liveness, 0f, 1f);
        });
    }

    [Fact]
    public void Demographics_of_the_sample_photos_are_mostly_right()
    {
        // All 22 people in the six photos are adult women, roughly 20 to 40 years old (judged by eye).
        using var pipeline = new FacePipeline(media.Models);

        var faces = Enumerable.Range(1, 6).SelectMany(n => pipeline.Analyze(File.ReadAllBytes(media.Photo(n)))).ToList();

        var female = faces.Count(f => f.Gender == Gender.Female);
        output.WriteLine($"{female}/{faces.Count} estimated female; ages {faces.Min(f => f.Age):F0}..{faces.Max(f => f.Age):F0}, " +
            $"mean {faces.Average(f => f.Age):F1}; liveness min {faces.Min(f => f.Liveness):F2}, median {faces.Select(f => f.Liveness).Order().ElementAt(faces.Count / 2):F2}");
        Assert.Equal(22, faces.Count);
        Assert.True(female >= 17, $"only {female} of 22 women estimated female; expected at least 17");
        Assert.All(faces, f => Assert.InRange(f.Age, 16f, 50f));
    }

    [Fact]
    public void Faces_in_a_photo_do_not_overlap()
    {
        using var pipeline = new FacePipeline(media.Models);

        var faces = pipeline.Detect(File.ReadAllBytes(media.Photo(5)));

        foreach (var a in faces)
        {
            Assert.All(faces.Where(b => b != a), b => Assert.True(a.Box.IntersectionOverUnion(b.Box) < 0.1f, $"{a} overlaps {b}"));
        }
    }

    [Fact]
    public void Every_face_of_all_six_photos_goes_through_every_model()
    {
        using var pipeline = new FacePipeline(media.Models);
        var photos = Enumerable.Range(1, 6).Select(n => Cv2.ImRead(media.Photo(n))).ToList();
        try
        {
            // Warm-up: the first run of each session allocates its arenas.
            _ = pipeline.Analyze(photos[0]);

            var faces = photos.Sum(p => pipeline.Analyze(p).Count);

            Assert.Equal(22, faces);
            foreach (var t in pipeline.Timings)
            {
                output.WriteLine($"{t.Model}: {t.Calls} calls, mean {t.MillisecondsPerCall:F2} ms, fastest {t.Fastest.TotalMilliseconds:F2} ms");
                // Speed is judged by `hallctl bench vision`, not here; this only checks no stage was skipped.
                Assert.True(t.Model == FaceModel.Detect ? t.Calls >= 7 : t.Calls >= 22, $"{t.Model} ran {t.Calls} times for 22 faces");
            }
        }
        finally
        {
            photos.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public async Task A_pipeline_shared_by_concurrent_callers_gives_the_same_answers_as_one_caller()
    {
        using var pipeline = new FacePipeline(media.Models, new FacePipelineOptions { EstimateAttributes = false });
        var photos = Enumerable.Range(1, 6).Select(n => File.ReadAllBytes(media.Photo(n))).ToArray();
        var sequential = photos.Select(p => pipeline.Analyze(p)).ToArray();

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => pipeline.Analyze(photos[i % 6]))))
            .WaitAsync(TimeSpan.FromMinutes(2));

        for (var i = 0; i < concurrent.Length; i++)
        {
            var expected = sequential[i % 6];
            Assert.Equal(expected.Select(f => f.Box), concurrent[i].Select(f => f.Box));
            Assert.Equal(expected.Select(f => f.Embedding), concurrent[i].Select(f => f.Embedding));
        }
    }

    [Fact]
    public void Bytes_that_are_not_an_image_are_refused_with_a_clear_error()
    {
        using var pipeline = new FacePipeline(media.Models);

        var error = Assert.Throws<ArgumentException>(() => pipeline.Analyze("not a jpeg"u8.ToArray()));

        Assert.Contains("could not be decoded", error.Message);
        Assert.Contains("expected JPEG or PNG", error.Message);
    }
}
