using OpenCvSharp;
using OrleansHall.Vision.Faces;

namespace OrleansHall.Vision.Tests.Faces;

[Collection(MediaCollection.Name)]
public sealed class PipelineInputTests(MediaFixture media)
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(6)]
    public void A_photo_decoded_at_half_size_gives_the_same_faces_as_the_full_image(int photo)
    {
        using var pipeline = new FacePipeline(media.Models);
        var bytes = File.ReadAllBytes(media.Photo(photo));
        using var full = Cv2.ImRead(media.Photo(photo));

        var fromBytes = pipeline.Analyze(bytes);
        var fromFull = pipeline.Analyze(full);

        Assert.Equal(fromFull.Count, fromBytes.Count);
        foreach (var face in fromFull)
        {
            // Same place (boxes in full-image pixels either way) and recognisably the same person.
            var twin = fromBytes.MaxBy(f => f.Box.IntersectionOverUnion(face.Box))!;
            Assert.True(twin.Box.IntersectionOverUnion(face.Box) > 0.7f, $"{twin.Box} vs {face.Box}");
            Assert.True(System.Numerics.Tensors.TensorPrimitives.Dot<float>(twin.Embedding, face.Embedding) > 0.9f);
            Assert.Equal(face.Gender, twin.Gender);
        }
    }

    [Fact]
    public void Recording_captures_one_tensor_per_model_call_in_call_order()
    {
        using var pipeline = new FacePipeline(media.Models);
        var inputs = new List<ModelInput>();

        var faces = pipeline.Analyze(File.ReadAllBytes(media.Photo(5)), inputs);

        Assert.Equal(FaceModel.Detect, inputs[0].Model);
        foreach (var model in new[] { FaceModel.Landmark, FaceModel.Feature, FaceModel.Age, FaceModel.Gender, FaceModel.Liveness })
        {
            Assert.Equal(faces.Count, inputs.Count(i => i.Model == model));
        }

        Assert.All(inputs, i => Assert.Equal(i.Shape.Aggregate(1L, (a, d) => a * d), i.Tensor.Length));
        Assert.Contains(inputs, i => i.Tensor.Any(v => v != 0));
    }
}
