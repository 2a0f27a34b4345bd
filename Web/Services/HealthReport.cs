using System.Text.Json.Serialization;

namespace OrleansHall.Web.Services;

/// <summary>What GET /healthz answers: cluster reachability, active silos, devices online and the halls known.</summary>
public sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("silos")] int Silos,
    [property: JsonPropertyName("devices")] int Devices,
    [property: JsonPropertyName("halls")] IReadOnlyList<string> Halls,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null)
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";
}
