using System.Collections.Frozen;
using System.Security.Cryptography;

namespace OrleansHall.Vision.Faces;

/// <summary>
/// The verified bytes of the six face models and the person detector, read once from a directory. Any missing or
/// altered file stops start-up, because silently different weights would change who gets recognised or counted.
/// </summary>
public sealed class ModelStore
{
    public static readonly FrozenDictionary<FaceModel, (string File, string Sha256)> Expected =
        new Dictionary<FaceModel, (string, string)>
        {
            [FaceModel.Detect] = ("fr_detect.onnx", "6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854"),
            [FaceModel.Feature] = ("fr_feature.onnx", "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581"),
            [FaceModel.Landmark] = ("fr_landmark.onnx", "f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258"),
            [FaceModel.Age] = ("fr_age.onnx", "74c9b01700cb9ef96f7190a2230218414ff99d231415c4b091a755780cad5e8a"),
            [FaceModel.Gender] = ("fr_gender.onnx", "a003e8392a617ca834c7ca2c01e0895f5c354217fb56cd0373935e6e9b9c396e"),
            [FaceModel.Liveness] = ("fr_liveness.onnx", "afa783b7e902fdfcf323a7240cac2a1c580c25314ea4161129dc1b0d100dc32d"),
        }.ToFrozenDictionary();

    private readonly FrozenDictionary<FaceModel, byte[]> _models;

    private ModelStore(string directory, FrozenDictionary<FaceModel, byte[]> models, byte[] person)
    {
        Directory = directory;
        _models = models;
        Person = person;
    }

    public string Directory { get; }

    /// <summary>The person detector, TFLite (<see cref="People.PersonModel"/> converts and runs it).</summary>
    public byte[] Person { get; }

    /// <summary>Reads and verifies all six models; throws <see cref="ModelIntegrityException"/> naming the first bad file.</summary>
    public static ModelStore Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new ModelIntegrityException(
                $"Model directory '{directory}' does not exist; expected the six fr_*.onnx files and the person model there (run deploy/fetch-media.sh).");
        }

        var models = new Dictionary<FaceModel, byte[]>();
        foreach (var (model, (file, sha)) in Expected)
        {
            models[model] = Verified(directory, file, sha);
        }

        return new ModelStore(directory, models.ToFrozenDictionary(), Verified(directory, People.PersonModel.FileName, People.PersonModel.Sha256));
    }

    private static byte[] Verified(string directory, string file, string sha)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new ModelIntegrityException(
                $"Model file '{path}' is missing; expected {file} with SHA-256 {sha} (run deploy/fetch-media.sh).");
        }

        var bytes = File.ReadAllBytes(path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return actual == sha
            ? bytes
            : throw new ModelIntegrityException($"Model file '{path}' has SHA-256 {actual}; expected {sha}.");
    }

    public byte[] this[FaceModel model] => _models[model];
}
