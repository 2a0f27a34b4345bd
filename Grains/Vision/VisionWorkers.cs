using System.Collections.Concurrent;
using System.Diagnostics;
using OrleansHall.Camera;
using OrleansHall.Vision.Faces;
using OrleansHall.Vision.People;

namespace OrleansHall.Grains.Vision;

/// <summary>
/// The silo's vision capacity: a fixed number of slots (one fewer than the cores by default), each able to run one frame's
/// CPU work off the Orleans scheduler, and the face pipelines those slots use. Nothing queues here without
/// bound: each camera waits with at most one frame and drops older ones (see the camera grain).
/// </summary>
public sealed class VisionWorkers : IDisposable
{
    private readonly ModelStore _models;
    private readonly PrioritySlots _slots;
    private readonly ConcurrentBag<FacePipeline> _idle = [];
    private readonly ConcurrentBag<FacePipeline> _all = [];
    private readonly StageTimer _people = new();
    private readonly StageTimer _faces = new();
    private readonly StageTimer _other = new();

    public VisionWorkers(ModelStore models, int slots)
    {
        if (slots < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "Vision needs at least one worker slot.");
        }

        _models = models;
        Person = new PersonModel(models.Person);
        Slots = slots;
        // One slot more for face analysis only: a card never waits behind a people count under way.
        _slots = new PrioritySlots(slots, reserve: 1);
    }

    public int Slots { get; }

    /// <summary>The person detector every camera's people count uses (thread-safe, one per silo).</summary>
    public PersonModel Person { get; }

    /// <summary>Slots busy right now.</summary>
    public int Busy => Slots - _slots.Free;

    /// <summary>What the slots have done since the silo started: frames and milliseconds per stage.</summary>
    public VisionLoad Load()
    {
        var (half, full) = Decodes();
        return new(Slots, _people.Count, _people.Milliseconds, _faces.Count, _faces.Milliseconds, _other.Count, _other.Milliseconds, half, full);
    }

    /// <summary>
    /// Runs CPU-bound work on the thread pool once a slot is free; its time counts to <paramref name="stage"/>. Face
    /// analysis goes before other waiting work, so a recognised customer's card does not queue behind people counting.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<T> work, VisionStage stage = VisionStage.Other, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(urgent: stage == VisionStage.Faces, cancellationToken);
        try
        {
            var timer = stage switch { VisionStage.People => _people, VisionStage.Faces => _faces, _ => _other };
            return await Task.Run(() =>
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    return work();
                }
                finally
                {
                    timer.Add(Stopwatch.GetElapsedTime(start));
                }
            }, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Every face in a JPEG whose size the caller has probed, with a pipeline of its own for the call. The pipeline
    /// decodes from the bytes, so a large frame whose faces are big enough is decoded and analysed at half size.
    /// </summary>
    public Task<IReadOnlyList<FaceAnalysis>> AnalyzeFacesAsync(byte[] jpeg, CancellationToken cancellationToken = default)
        => RunAsync(() =>
        {
            var pipeline = Rent();
            try
            {
                return pipeline.Analyze(jpeg);
            }
            finally
            {
                _idle.Add(pipeline);
            }
        }, VisionStage.Faces, cancellationToken);

    /// <summary>Frames the pipelines analysed at half and at full size since the silo started.</summary>
    private (long Half, long Full) Decodes() => (_all.Sum(p => p.HalfSizeAnalyses), _all.Sum(p => p.FullSizeAnalyses));

    public void Dispose()
    {
        Person.Dispose();
        foreach (var pipeline in _all)
        {
            pipeline.Dispose();
        }
    }

    /// <summary>Pipelines are made on first need, at most one per slot, and reused.</summary>
    private FacePipeline Rent()
    {
        if (_idle.TryTake(out var pipeline))
        {
            return pipeline;
        }

        pipeline = new FacePipeline(_models);
        _all.Add(pipeline);
        return pipeline;
    }
}

/// <summary>What a slot's time is spent on, for <see cref="VisionWorkers.Load"/>.</summary>
public enum VisionStage
{
    Other,
    People,
    Faces,
}

/// <summary>A count and a total duration, added to from any thread.</summary>
internal sealed class StageTimer
{
    private long _count;
    private long _ticks;

    public long Count => Interlocked.Read(ref _count);

    public double Milliseconds => TimeSpan.FromTicks(Interlocked.Read(ref _ticks)).TotalMilliseconds;

    public void Add(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _ticks, elapsed.Ticks);
    }
}
