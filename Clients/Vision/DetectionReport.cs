namespace OrleansHall.Clients.Vision;

public sealed record DetectionReport(IReadOnlyList<FaceReport> Faces, IReadOnlyList<PersonReport> People);
