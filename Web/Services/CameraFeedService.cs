using OrleansHall.Camera;
using OrleansHall.Common;

namespace OrleansHall.Web.Services;

/// <summary>What one camera reports, read straight from its grain so the camera page is fresher than the hall's snapshot.</summary>
public sealed class CameraFeedService(ClusterConnection cluster)
{
    /// <summary>The camera's health and counters, or null when no camera of that id was ever configured in the hall.</summary>
    public async Task<CameraStatus?> GetStatusAsync(string hallId, string cameraId)
    {
        try
        {
            return await Camera(hallId, cameraId).GetStatusAsync();
        }
        catch (UnknownEntityException)
        {
            return null;
        }
    }

    /// <summary>The latest analysed frame as JPEG with people and faces drawn on it; null before the first one.</summary>
    public async Task<byte[]?> GetLatestAnnotatedFrameAsync(string hallId, string cameraId)
    {
        try
        {
            return await Camera(hallId, cameraId).GetLatestAnnotatedFrameAsync();
        }
        catch (UnknownEntityException)
        {
            return null;
        }
    }

    private ICameraGrain Camera(string hallId, string cameraId) =>
        cluster.RequireClient().GetCamera(hallId, cameraId);
}
