namespace OrleansHall.Vision.Faces;

/// <summary>A model file is missing or its bytes are not the ones the pipeline was validated with.</summary>
public sealed class ModelIntegrityException(string message) : Exception(message);
