namespace OrleansHall.Clients.Vision;

/// <summary>One person (HOG body box) as `hallctl vision detect --json` prints it.</summary>
public sealed record PersonReport(double[] Box, double Score);
