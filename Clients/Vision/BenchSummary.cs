using System.Text.Json.Serialization;

namespace OrleansHall.Clients.Vision;

/// <summary>The last line of `hallctl bench vision`: one JSON object a script can compare between runs.</summary>
public sealed record BenchSummary(
    [property: JsonPropertyName("faces")] int Faces,
    [property: JsonPropertyName("raw_faces_per_s")] double RawFacesPerSecond,
    [property: JsonPropertyName("pipeline_faces_per_s")] double PipelineFacesPerSecond,
    [property: JsonPropertyName("ratio")] double Ratio,
    [property: JsonPropertyName("vtest_frames")] int VideoFrames,
    [property: JsonPropertyName("vtest_fps_gated")] double VideoFpsGated,
    [property: JsonPropertyName("vtest_fps_ungated")] double VideoFpsUngated,
    [property: JsonPropertyName("vtest_count_gated")] int VideoCountGated,
    [property: JsonPropertyName("vtest_count_ungated")] int VideoCountUngated,
    [property: JsonPropertyName("vtest_people_gated")] int VideoPeopleGated,
    [property: JsonPropertyName("vtest_people_ungated")] int VideoPeopleUngated,
    [property: JsonPropertyName("vtest_fps_ratio")] double VideoFpsRatio,
    [property: JsonPropertyName("gallery_10k_p50_ms")] double Gallery10kP50,
    [property: JsonPropertyName("gallery_10k_p99_ms")] double Gallery10kP99,
    [property: JsonPropertyName("gallery_100k_p50_ms")] double Gallery100kP50,
    [property: JsonPropertyName("gallery_100k_p99_ms")] double Gallery100kP99);
