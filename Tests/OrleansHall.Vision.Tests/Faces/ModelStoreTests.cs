using OrleansHall.Vision.Faces;

namespace OrleansHall.Vision.Tests.Faces;

[Collection(MediaCollection.Name)]
public sealed class ModelStoreTests(MediaFixture media) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("models-").FullName;

    [Fact]
    public void A_missing_model_is_named_with_its_expected_hash()
    {
        CopyModelsExcept("fr_gender.onnx");

        var error = Assert.Throws<ModelIntegrityException>(() => ModelStore.Load(_dir));

        Assert.Contains("fr_gender.onnx", error.Message);
        Assert.Contains(ModelStore.Expected[FaceModel.Gender].Sha256, error.Message);
    }

    [Fact]
    public void An_altered_model_is_refused_naming_the_file_and_both_hashes()
    {
        CopyModelsExcept();
        var path = Path.Combine(_dir, "fr_feature.onnx");
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelIntegrityException>(() => ModelStore.Load(_dir));

        Assert.Contains("fr_feature.onnx", error.Message);
        Assert.Contains(ModelStore.Expected[FaceModel.Feature].Sha256, error.Message);
    }

    [Fact]
    public void A_missing_person_detector_is_named_with_its_expected_hash()
    {
        CopyModelsExcept(OrleansHall.Vision.People.PersonModel.FileName);

        var error = Assert.Throws<ModelIntegrityException>(() => ModelStore.Load(_dir));

        Assert.Contains(OrleansHall.Vision.People.PersonModel.FileName, error.Message);
        Assert.Contains(OrleansHall.Vision.People.PersonModel.Sha256, error.Message);
    }

    [Fact]
    public void The_fetched_models_load()
    {
        var store = ModelStore.Load(media.ModelDir);

        Assert.All(Enum.GetValues<FaceModel>(), m => Assert.NotEmpty(store[m]));
        Assert.NotEmpty(store.Person);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void CopyModelsExcept(params string[] skip)
    {
        var files = ModelStore.Expected.Values.Select(m => m.File).Append(OrleansHall.Vision.People.PersonModel.FileName);
        foreach (var file in files.Where(f => !skip.Contains(f)))
        {
            File.Copy(Path.Combine(media.ModelDir, file), Path.Combine(_dir, file));
        }
    }
}
