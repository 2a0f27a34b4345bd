namespace OrleansHall.Clients.Vision;

/// <summary>One person (the person detector's box and score) as `hallctl vision detect --json` prints it.</summary>
public sealed record PersonReport(double[] Box, double Score);
