namespace OrleansHall.Clients.Vision;

/// <summary>One face as `hallctl vision detect --json` prints it; box is [x, y, width, height] in pixels.</summary>
public sealed record FaceReport(double[] Box, double Score, double Age, string Gender, double Liveness);
