namespace OrleansHall.Clients.Vision;

/// <summary>An input file or the model directory is unusable; the message names it and what was expected. Exit code 1.</summary>
public sealed class VisionInputException(string message) : Exception(message);
