using OrleansHall.Common;
using System.Collections.Immutable;
using System.Globalization;
using OrleansHall.Camera;
using OrleansHall.Clients.Agents;
using OrleansHall.Clients.Media;
using OrleansHall.Hall;

namespace OrleansHall.Clients.Benchmarks;

/// <summary>One step of the ramp: this many cameras at the feed rate, for the measured stretch.</summary>
public sealed record CameraStep(int Cameras, long FramesAccepted, long FramesDropped, double DropRate, double PeopleMs, double FacesMs, double OtherMs)
{
    public bool Keeps(double maxDropRate) => FramesAccepted > 0 && DropRate < maxDropRate;
}

/// <summary>What the ramp found: the largest step that kept its drop rate under the limit, per vision slot.</summary>
public sealed record CameraCapacity(int VisionSlots, CameraStep? Best, IReadOnlyList<CameraStep> Steps)
{
    public double CamerasPerCore => Best is null ? 0 : Math.Round((double)Best.Cameras / VisionSlots, 2);
}

/// <summary>
/// Finds how many cameras one silo's vision slots keep up with. Cameras of a fresh hall are fed at a fixed rate
/// from frames held in memory (so the client costs little): even-numbered ones the forecourt footage with a door
/// line, odd-numbered ones the six portrait photos (faces every frame). Each step adds cameras, runs a warm-up,
/// then counts the frames the camera grains accepted and dropped, and the slots' time per stage, from the grains
/// themselves. The ramp stops at the first step that drops too many.
/// </summary>
public sealed class CameraCapacityBenchmark(IGrainFactory grains, TimeProvider time, Action<string> progress)
{
    public async Task<CameraCapacity> RunAsync(
        string hallId, IReadOnlyList<byte[]> footage, IReadOnlyList<byte[]> photos, CameraRamp ramp, CancellationToken stopping)
    {
        await grains.GetGrain<IHallGrain>(hallId).ConfigureAsync(
            new HallConfig($"Camera benchmark {hallId}", "bench", 10_000, ["C1"], ["entrance", "waiting"], ["bill-payment"]));
        var pool = grains.GetGrain<IVisionPool>(0);
        var slots = (await pool.GetLoadAsync()).Slots;
        var steps = new List<CameraStep>();
        CameraStep? best = null;
        for (var cameras = ramp.Start ?? slots; cameras <= ramp.Max && !stopping.IsCancellationRequested; cameras += ramp.Step)
        {
            var step = await MeasureAsync(hallId, cameras, footage, photos, ramp, stopping);
            steps.Add(step);
            progress(string.Create(CultureInfo.InvariantCulture,
                $"{cameras,3} cameras: {step.FramesAccepted} frames, {step.FramesDropped} dropped ({step.DropRate:P2}), people {step.PeopleMs:F1} ms, faces {step.FacesMs:F1} ms, decode+draw {step.OtherMs:F1} ms per run"));
            if (!step.Keeps(ramp.MaxDropRate))
            {
                break;
            }

            best = step;
        }

        return new CameraCapacity(slots, best, steps);
    }

    private async Task<CameraStep> MeasureAsync(
        string hallId, int cameras, IReadOnlyList<byte[]> footage, IReadOnlyList<byte[]> photos, CameraRamp ramp, CancellationToken stopping)
    {
        var feeds = new List<CameraFeed>();
        for (var i = 0; i < cameras; i++)
        {
            var entrance = i % 2 == 0;
            var source = entrance
                ? new MemoryFrameSource(footage, i * 7, "forecourt footage")
                : new MemoryFrameSource(photos, i, "portrait photos");
            var feed = new CameraFeed(grains, hallId, $"cam-{i:D2}", source, ramp.Fps, time, _ => { });
            await feed.EnsureConfiguredAsync(entrance ? "bench entrance" : "bench waiting area", force: true, entrance ? Entrance : Waiting);
            feeds.Add(feed);
        }

        using var running = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var sending = feeds.Select(f => f.RunAsync(running.Token)).ToList();
        try
        {
            await Task.Delay(ramp.WarmUp, time, stopping);
            var (accepted0, dropped0) = await CountAsync(hallId, cameras);
            var load0 = await grains.GetGrain<IVisionPool>(0).GetLoadAsync();
            await Task.Delay(ramp.Measure, time, stopping);
            var (accepted1, dropped1) = await CountAsync(hallId, cameras);
            var load1 = await grains.GetGrain<IVisionPool>(0).GetLoadAsync();
            var accepted = accepted1 - accepted0;
            var dropped = dropped1 - dropped0;
            return new CameraStep(cameras, accepted, dropped, accepted == 0 ? 1 : Math.Round((double)dropped / accepted, 4),
                Mean(load1.PeopleMilliseconds - load0.PeopleMilliseconds, load1.PeopleRuns - load0.PeopleRuns),
                Mean(load1.FaceMilliseconds - load0.FaceMilliseconds, load1.FaceRuns - load0.FaceRuns),
                Mean(load1.OtherMilliseconds - load0.OtherMilliseconds, load1.OtherRuns - load0.OtherRuns));
        }
        finally
        {
            await running.CancelAsync();
            foreach (var task in sending)
            {
                try
                {
                    await task;
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    private async Task<(long Accepted, long Dropped)> CountAsync(string hallId, int cameras)
    {
        var statuses = await Task.WhenAll(Enumerable.Range(0, cameras).Select(i => grains.GetCamera(hallId, $"cam-{i:D2}").GetStatusAsync()));
        return (statuses.Sum(s => s.FramesAccepted), statuses.Sum(s => s.FramesDropped));
    }

    private static double Mean(double milliseconds, long runs) => runs <= 0 ? 0 : Math.Round(milliseconds / runs, 1);

    private static readonly CameraConfig Entrance = new("bench entrance",
        [new CameraZone("entrance", 0, 0, 1, 1)], new EntryLine(0.78, 0, 0.78, 1), new FloorPlacement(0, 0, 0.5, 0.5));

    private static readonly CameraConfig Waiting = new("bench waiting area",
        ImmutableArray.Create(new CameraZone("waiting", 0, 0, 1, 1)), null, new FloorPlacement(0, 0.5, 1, 0.5));
}

/// <summary>How the benchmark ramps: cameras from <see cref="Start"/> (default one per vision slot) in steps, each fed at <see cref="Fps"/>.</summary>
public sealed record CameraRamp(int? Start, int Step, int Max, double Fps, TimeSpan WarmUp, TimeSpan Measure, double MaxDropRate = 0.01);
