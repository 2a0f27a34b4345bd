namespace OrleansHall.Vision; /// <summary>Placeholder until the vision pipeline lands.</summary>
public static class VisionInfo { public const string Models = "faceplugin-face-recognition-js@0.0.1"; }
