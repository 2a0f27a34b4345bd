using OrleansHall.Camera;
using OrleansHall.Clients.Agents;
using OrleansHall.Common;
using OrleansHall.Device;
using OrleansHall.Grains.Common;
using OrleansHall.Hall;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Faults;

/// <summary>
/// Ten thousand mutated device messages and frames through the path hallctl uses (the per-device outboxes and
/// the Orleans client): each must be refused with a reason or stored, none may crash a grain, block a device's
/// outbox or fail a log batch for the others, and the refusal counters must add up to what was sent.
/// The mutations are seeded, so a failure names a case that can be replayed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HostileInputFuzzTests(ClusterFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Readings = 6_000;
    private const int Faults = 1_000;
    private const int Frames = 3_000;

    private static readonly string[] Hostile =
    [
        "\0", "a\0b", "\uD800", "x\uDC00y", "\u202Eevil\u202C", "\u200F", "   ", "", "'; DROP TABLE hall_events; --",
        "<script>alert(1)</script>", "../../etc/passwd", "%00", "\uFEFF", "名字", "👍", new string('x', 10_240),
        new string('\uD83D', 65), "zhenhai/../x", "a/b/c", "\u0007bell", "null",
    ];

    [Fact]
    public async Task Ten_thousand_mutated_messages_are_each_refused_with_a_reason_or_stored_and_the_counters_add_up()
    {
        var random = new Random(20261201);
        var hallId = await fixture.OpenHallAsync();
        var now = fixture.Clock.GetUtcNow();
        await Client.GetDevice(hallId, "ir-door").RegisterAsync(DeviceKind.InfraredSensor);
        await Client.GetDevice(hallId, "kiosk-1").RegisterAsync(DeviceKind.Kiosk);
        var camera = Client.GetCamera(hallId, "cam-1");
        await camera.ConfigureAsync(new CameraConfig("fuzz", [new CameraZone("entrance", 0, 0, 1, 1)]));

        var notes = new List<string>();
        using var pipeline = new ReadingPipeline(Client, 100_000, line => { lock (notes) { notes.Add(line); } });
        using var stopping = new CancellationTokenSource();
        var delivery = pipeline.RunAsync(TimeProvider.System, stopping.Token);

        var expectedRefused = 0;
        var (acceptedEntries, acceptedPassages, acceptedUses) = (0, 0, 0);
        for (var i = 0; i < Readings; i++)
        {
            var (reading, valid) = i % 2 == 0 ? MutatedPassage(random, hallId, now) : MutatedUsage(random, hallId, now);
            pipeline.Add(reading);
            if (!valid)
            {
                expectedRefused++;
            }
            else if (reading is PassageReading passage)
            {
                acceptedPassages++;
                acceptedEntries += passage.Passage.Entries;
            }
            else
            {
                acceptedUses++;
            }
        }

        using (var drained = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            await pipeline.WhenEmptyAsync(drained.Token);
        }

        await stopping.CancelAsync();
        await Background.WhenStoppedAsync(delivery);
        var stats = pipeline.Stats;
        output.WriteLine($"{Readings} readings: {stats.Sent} stored, {stats.Rejected} refused, {stats.Retries} retries");
        Assert.Equal((expectedRefused, Readings - expectedRefused, 0L), (stats.Rejected, stats.Sent, stats.Overflowed));
        Assert.All(notes.Where(n => n.StartsWith("cluster refused", StringComparison.Ordinal)), n => Assert.Contains(": ", n));

        var faultsAccepted = 0;
        var kiosk = Client.GetDevice(hallId, "kiosk-1");
        for (var i = 0; i < Faults; i++)
        {
            var code = random.Next(3) == 0 ? Pick(random) : "paper-out";
            var message = random.Next(2) == 0 ? Pick(random) : "Receipt paper ran out";
            var expected = !string.IsNullOrWhiteSpace(code) && code.Length <= 64 && message.Length <= 2000;
            var accepted = await AcceptedAsync(() => kiosk.ReportFaultAsync(new DeviceFault(Guid.NewGuid(), code, message, now)));
            Assert.True(expected == accepted, $"fault {i} (code {Keys.Printable(code)}, message of {message.Length}): expected {(expected ? "stored" : "refused")}");
            faultsAccepted += accepted ? 1 : 0;
        }

        var frame = SmallFrame(await File.ReadAllBytesAsync(Repository.Media("sample1.jpg")));
        var (framesRefused, framesExpectedRefused, uncertainAccepted) = (0, 0, 0);
        for (var i = 0; i < Frames; i++)
        {
            // A few frames over the size limit; more would only move gigabytes through the test.
            var (jpeg, verdict) = i < 5 ? (new byte[JpegProbe.MaxBytes + 1], false) : MutatedFrame(random, frame);
            var ack = await camera.SubmitFrameAsync(new CameraFrame(i, now, jpeg));
            if (verdict is { } mustBeAccepted)
            {
                Assert.True(ack.Accepted == mustBeAccepted, $"frame {i} ({jpeg.Length} bytes): expected {(mustBeAccepted ? "accepted" : "refused")}, got {ack.RejectReason}");
                framesExpectedRefused += mustBeAccepted ? 0 : 1;
            }

            if (!ack.Accepted)
            {
                framesRefused++;
                Assert.False(string.IsNullOrWhiteSpace(ack.RejectReason));
            }
            else if (verdict is null)
            {
                uncertainAccepted++;
            }
        }

        output.WriteLine($"{Faults} fault reports: {faultsAccepted} stored; {Frames} frames: {framesRefused} refused ({framesExpectedRefused} certain)");
        var hall = await Client.GetGrain<IHallGrain>(hallId).GetSnapshotAsync();
        Assert.Equal(acceptedEntries, hall.EntriesToday);
        Assert.Equal(acceptedPassages, await fixture.CountEventsAsync(hallId, "passage"));
        var kioskStatus = await kiosk.GetStatusAsync();
        Assert.Equal((acceptedUses, faultsAccepted), (kioskStatus.UsesToday, kioskStatus.FaultsToday));
        Assert.Equal(acceptedUses, await fixture.CountEventsAsync(hallId, "device-usage"));
        Assert.Equal(faultsAccepted, await fixture.CountEventsAsync(hallId, "device-fault"));
        // A corrupted frame the cheap checks let through may still fail to decode later; it is then counted as rejected too.
        var cameraStatus = await camera.GetStatusAsync();
        Assert.Equal(Frames - framesRefused, cameraStatus.FramesAccepted);
        Assert.InRange(cameraStatus.FramesRejected, framesRefused, framesRefused + uncertainAccepted);
    }

    private IClusterClient Client => fixture.Client;

    private static string Pick(Random random) => Hostile[random.Next(Hostile.Length)];

    /// <summary>A passage with one thing possibly wrong; returns whether the cluster must store it.</summary>
    private static (Reading Reading, bool Valid) MutatedPassage(Random random, string hallId, DateTimeOffset now)
    {
        var (hall, device, entries, exits, at) = (hallId, "ir-door", random.Next(1, 4), random.Next(0, 3), now);
        var valid = true;
        switch (random.Next(8))
        {
            case 0:
                device = Pick(random);
                valid = false;
                break;
            case 1:
                hall = random.Next(2) == 0 ? Pick(random) : "no-such-hall";
                valid = false;
                break;
            case 2:
                (entries, exits) = random.Next(3) switch { 0 => (-1, 0), 1 => (0, 0), _ => (501, 0) };
                valid = false;
                break;
            case 3:
                at = now.AddHours(random.Next(1, 1000));
                valid = false;
                break;
            case 4:
                device = "kiosk-1"; // a kiosk cannot count people
                valid = false;
                break;
        }

        return (new PassageReading(hall, device, new Passage(Guid.NewGuid(), entries, exits, at)), valid);
    }

    /// <summary>A kiosk transaction whose business type may be hostile; any 1-64 characters that are not all blank are stored (cleaned for the log).</summary>
    private static (Reading Reading, bool Valid) MutatedUsage(Random random, string hallId, DateTimeOffset now)
    {
        var type = random.Next(2) == 0 ? Pick(random) : "bill-payment";
        var device = random.Next(10) == 0 ? Pick(random) : "kiosk-1";
        var valid = device == "kiosk-1" && !string.IsNullOrWhiteSpace(type) && type.Length <= 64;
        return (new UsageReading(hallId, device, new DeviceUsage(Guid.NewGuid(), type, random.Next(2) == 0, now)), valid);
    }

    /// <summary>A frame and whether it must be accepted (null: a corrupted middle whose fate only the probe decides).</summary>
    private static (byte[] Jpeg, bool? Accepted) MutatedFrame(Random random, byte[] valid)
    {
        switch (random.Next(7))
        {
            case 0:
                return (valid, true);
            case 1:
                return ([], false);
            case 2:
                var cut = random.Next(2, valid.Length - 2);
                var truncated = valid[..cut];
                return (truncated, truncated[^2..] is [0xFF, 0xD9] ? null : false);
            case 3:
                var noise = new byte[random.Next(1, 4096)];
                random.NextBytes(noise);
                return (noise, noise is [0xFF, 0xD8, ..] ? null : false);
            case 4:
                return ([0xFF, 0xD8, 0xFF, 0xD9], false);
            case 5:
                return ([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. valid[8..64]], false);
            default:
                var flipped = (byte[])valid.Clone();
                for (var k = 0; k < 20; k++)
                {
                    flipped[random.Next(200, flipped.Length - 2)] ^= (byte)random.Next(1, 256);
                }

                return (flipped, null);
        }
    }

    /// <summary>The photo re-encoded at 320 px wide: a real JPEG, small enough to send thousands of times.</summary>
    private static byte[] SmallFrame(byte[] photo)
    {
        using var image = OpenCvSharp.Cv2.ImDecode(photo, OpenCvSharp.ImreadModes.Color);
        using var small = image.Resize(new OpenCvSharp.Size(320, image.Height * 320 / image.Width));
        return small.ImEncode(".jpg");
    }

    private static async Task<bool> AcceptedAsync(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (Exception error) when (error is RejectedRequestException or UnknownEntityException)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            return false;
        }
    }
}
