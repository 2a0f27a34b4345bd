using OrleansHall.Common;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using OrleansHall.Camera;
using OrleansHall.Clients.Media;
using OrleansHall.Customer;
using OrleansHall.Hall;
using OrleansHall.Staff;

namespace OrleansHall.Clients.Benchmarks;

/// <summary>p50/p95 milliseconds from a frame's submission to the camera grain to the strategy card on a handheld.</summary>
public sealed record CardLatency(int Sightings, double P50Ms, double P95Ms, double MaxMs, double MeanMs);

/// <summary>
/// Measures the strategy card's latency through a running cluster: one VIP enrolled from a real photo, then for each
/// sighting a fresh hall of the same region (so each sighting is a new visit and gets its card) with a floating guide
/// on duty whose handheld is this process, and a camera that is sent the real photo. The clock runs from just before
/// the frame is submitted to the moment the card reaches the handheld (each sighting starts once the previous camera has
/// finished its frame, so the figure is the card's path, not a queue behind other cameras): camera grain, people and face analysis, the
/// hall's visitor ledger, the gallery, the customer and staff grains and the push back to the client.
/// </summary>
public sealed class CardLatencyBenchmark(IGrainFactory grains, TimeProvider time, Action<string> progress)
{
    public async Task<CardLatency> RunAsync(byte[] enrolPhoto, IReadOnlyList<byte[]> frames, int sightings, CancellationToken stopping)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var region = $"benchcard-{run}";
        var customerId = $"benchcard-{run}-vip";
        await OpenHallAsync(HallId(run, 0), region);
        var customer = grains.GetGrain<ICustomerGrain>(customerId);
        await customer.RegisterAsync("Benchmark VIP", HallId(run, 0), [CustomerTags.Vip]);
        await customer.GrantConsentAsync([ConsentScope.Recognition], "bench");
        await customer.EnrolFaceAsync(await FacePhotos.CropLargestAsync(grains, enrolPhoto)
            ?? throw new InvalidOperationException("The enrolment photo shows no face."), "bench");

        var handheld = new Handheld();
        var reference = grains.CreateObjectReference<IStaffTerminal>(handheld);
        var latencies = new List<double>(sightings);
        for (var i = 0; i < sightings && !stopping.IsCancellationRequested; i++)
        {
            var hallId = HallId(run, i);
            if (i > 0)
            {
                await OpenHallAsync(hallId, region);
            }

            var guide = grains.GetGrain<IStaffGrain>($"{hallId}-guide");
            await guide.RegisterAsync("Benchmark guide", StaffRole.FloatingGuide, hallId);
            await guide.SetOnDutyAsync(true);
            await guide.SubscribeAsync(reference);
            await WaitOnDutyAsync(hallId, guide.GetPrimaryKeyString(), stopping);
            var camera = grains.GetCamera(hallId, "cam-door");
            await camera.ConfigureAsync(new CameraConfig("Door", []));

            var card = handheld.Expect(hallId);
            var start = Stopwatch.GetTimestamp();
            await camera.SubmitFrameAsync(new CameraFrame(1, time.GetUtcNow(), frames[i % frames.Count]));
            var arrived = await card.WaitAsync(TimeSpan.FromSeconds(30), stopping);
            latencies.Add(Stopwatch.GetElapsedTime(start, arrived).TotalMilliseconds);
            // The camera still counts people in the frame after the card; let it finish so sightings do not queue behind it.
            await WaitAnalysedAsync(camera, stopping);
            if ((i + 1) % 10 == 0 || i + 1 == sightings)
            {
                progress(string.Create(CultureInfo.InvariantCulture, $"{i + 1}/{sightings} sightings, last card {latencies[^1]:F0} ms"));
            }
        }

        if (latencies.Count == 0)
        {
            throw new OperationCanceledException("Stopped before the first sighting.");
        }

        var sorted = latencies.Order().ToArray();
        return new CardLatency(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted[^1], sorted.Average());
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
        => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string HallId(string run, int i) => $"bc{run}-{i}";

    private Task OpenHallAsync(string hallId, string region)
        => grains.GetGrain<IHallGrain>(hallId).ConfigureAsync(new HallConfig($"Card benchmark {hallId}", region, 1000, ["C1"], ["entrance"], ["bill-payment"]));

    private async Task WaitOnDutyAsync(string hallId, string staffId, CancellationToken stopping)
    {
        var deadline = Stopwatch.StartNew();
        while (!(await grains.GetGrain<IHallGrain>(hallId).GetSnapshotAsync()).StaffOnDuty.Contains(staffId))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"Hall {hallId} did not list {staffId} on duty within 20 s.");
            }

            await Task.Delay(50, stopping);
        }
    }

    private static async Task WaitAnalysedAsync(ICameraGrain camera, CancellationToken stopping)
    {
        var deadline = Stopwatch.StartNew();
        while ((await camera.GetStatusAsync()).FramesAnalysed < 1 && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20, stopping);
        }
    }

    /// <summary>The handheld: completes the waiting sighting of a hall when its card arrives, with the arrival timestamp.</summary>
    private sealed class Handheld : IStaffTerminal
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiting = new();

        public Task<long> Expect(string hallId)
            => _waiting.GetOrAdd(hallId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public Task ReceiveAsync(StaffPush push)
        {
            if (push.Kind == "strategy-card" && _waiting.TryGetValue(push.HallId, out var waiting))
            {
                waiting.TrySetResult(Stopwatch.GetTimestamp());
            }

            return Task.CompletedTask;
        }
    }
}
