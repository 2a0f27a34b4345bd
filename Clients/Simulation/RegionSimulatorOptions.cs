namespace OrleansHall.Clients.Simulation;

public sealed record RegionSimulatorOptions(
    int Halls,
    string RegionId,
    double Speed,
    DateTimeOffset Start,
    string? MediaDirectory,
    double CameraFps,
    int OutboxCapacity,
    int Seed,
    string? AckLogPath = null,
    string? OutboxFile = null);
