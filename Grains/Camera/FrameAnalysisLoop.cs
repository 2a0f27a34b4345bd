using OrleansHall.Camera;

namespace OrleansHall.Grains.Camera;

/// <summary>
/// Analyses one camera's frames one at a time, always the newest: while a frame is analysed at most one newer frame
/// waits, and a waiting frame that a newer one replaces is dropped, so a slow vision pool never builds a queue.
/// It owns the camera's <see cref="CameraVision"/>: made for the first frame, handed to a worker thread only inside
/// <see cref="OnWorkerAsync{T}"/>, and disposed only when no frame in analysis can still be using it.
/// Every member runs on the camera grain's turns; only the work given to <see cref="OnWorkerAsync{T}"/> leaves them.
/// </summary>
public sealed class FrameAnalysisLoop(
    Func<CameraVision> createVision,
    Func<CameraFrame, CameraVision, Task> analyse,
    Action<CameraFrame, Exception> failed)
{
    private readonly List<CameraVision> _retired = [];
    private CameraVision? _vision;
    private CameraFrame? _waiting;
    private Task _running = Task.CompletedTask;
    private bool _analysing;
    private bool _workerInside;

    /// <summary>The vision for a report: null before the first frame and while a worker thread is inside it.</summary>
    public CameraVision? Idle => _workerInside ? null : _vision;

    public int PeopleInView => _vision?.PeopleInView ?? 0;

    /// <summary>Makes <paramref name="frame"/> the next to analyse; true when it replaced a frame still waiting, which is dropped.</summary>
    public bool Offer(CameraFrame frame)
    {
        var replaced = _waiting is not null;
        _waiting = frame;
        if (!_analysing)
        {
            _analysing = true;
            _running = RunAsync();
        }

        return replaced;
    }

    /// <summary>Runs <paramref name="work"/> (CPU work on a worker thread); meanwhile reports leave the vision alone.</summary>
    public async Task<T> OnWorkerAsync<T>(CameraVision vision, Func<CameraVision, Task<T>> work)
    {
        _workerInside = true;
        try
        {
            return await work(vision);
        }
        finally
        {
            _workerInside = false;
        }
    }

    /// <summary>The configuration changed: the next frame starts a fresh vision; this one goes once no frame uses it.</summary>
    public void Retire()
    {
        if (_vision is null)
        {
            return;
        }

        if (_analysing)
        {
            _retired.Add(_vision);
        }
        else
        {
            _vision.Dispose();
        }

        _vision = null;
    }

    /// <summary>Deactivation: the waiting frame is dropped and the frame in analysis finishes (or the wait is cancelled).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        _waiting = null;
        try
        {
            await _running.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The running frame disposes what it retires when it ends.
        }
    }

    private async Task RunAsync()
    {
        try
        {
            while (_waiting is { } frame)
            {
                _waiting = null;
                try
                {
                    await analyse(frame, _vision ??= createVision());
                }
                catch (Exception error)
                {
                    failed(frame, error);
                }
            }
        }
        finally
        {
            _analysing = false;
            _retired.ForEach(v => v.Dispose());
            _retired.Clear();
        }
    }
}
