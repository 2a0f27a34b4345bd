namespace OrleansHall.Vision.Faces;

/// <summary>The six ONNX models of the face pipeline (npm faceplugin-face-recognition-js@0.0.1).</summary>
public enum FaceModel
{
    Detect,
    Landmark,
    Feature,
    Age,
    Gender,
    Liveness,
}
