using System.Collections.Concurrent;
using OpenCvSharp;
using OrleansHall.Vision.Faces;

namespace OrleansHall.Grains.Vision;

/// <summary>
/// The silo's vision capacity: a fixed number of slots (one per core by default), each able to run one frame's
/// CPU work off the Orleans scheduler, and the face pipelines those slots use. Nothing queues here without
/// bound: each camera waits with at most one frame and drops older ones (see the camera grain).
/// </summary>
public sealed class VisionWorkers : IDisposable
{
    private readonly ModelStore _models;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<FacePipeline> _idle = [];
    private readonly ConcurrentBag<FacePipeline> _all = [];

    public VisionWorkers(ModelStore models, int slots)
    {
        if (slots < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "Vision needs at least one worker slot.");
        }

        _models = models;
        Slots = slots;
        _slots = new SemaphoreSlim(slots, slots);
    }

    public int Slots { get; }

    /// <summary>Slots busy right now.</summary>
    public int Busy => Slots - _slots.CurrentCount;

    /// <summary>Runs CPU-bound work on the thread pool once a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(work, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Every face in an image, with a pipeline of its own for the duration of the call.</summary>
    public Task<(int Width, int Height, IReadOnlyList<FaceAnalysis> Faces)> AnalyzeFacesAsync(byte[] jpeg, CancellationToken cancellationToken = default)
        => RunAsync(() =>
        {
            using var image = Cv2.ImDecode(jpeg, ImreadModes.Color);
            if (image.Empty())
            {
                throw new ArgumentException($"Frame of {jpeg.Length} bytes could not be decoded as an image.", nameof(jpeg));
            }

            var pipeline = Rent();
            try
            {
                return (image.Cols, image.Rows, pipeline.Analyze(image));
            }
            finally
            {
                _idle.Add(pipeline);
            }
        }, cancellationToken);

    public void Dispose()
    {
        foreach (var pipeline in _all)
        {
            pipeline.Dispose();
        }

        _slots.Dispose();
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
