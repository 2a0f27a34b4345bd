using OrleansHall.Camera;
using OrleansHall.Device;

namespace OrleansHall.Common;

/// <summary>The grains that live inside a hall, keyed "hall/local" (<see cref="Keys.Scoped"/>): never build those keys by hand.</summary>
public static class HallScopedGrains
{
    public static IDeviceGrain GetDevice(this IGrainFactory grains, string hallId, string deviceId)
        => grains.GetGrain<IDeviceGrain>(Keys.Scoped(hallId, deviceId));

    public static ICameraGrain GetCamera(this IGrainFactory grains, string hallId, string cameraId)
        => grains.GetGrain<ICameraGrain>(Keys.Scoped(hallId, cameraId));
}
