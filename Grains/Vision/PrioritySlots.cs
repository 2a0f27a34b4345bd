namespace OrleansHall.Grains.Vision;

/// <summary>
/// A counting semaphore for vision work with a lane for urgent work (face analysis, which a strategy card waits on).
/// Ordinary work (people counting, decoding) runs while fewer than <c>slots</c> tasks run; urgent work also while
/// fewer than <c>slots + reserve</c> run, so it never waits behind a people count already under way, and when a slot
/// frees urgent waiters go first. Each queue is first come first served. Urgent work is at most one face analysis per
/// camera per second, so the reserve costs at most that much extra CPU.
/// </summary>
public sealed class PrioritySlots
{
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource> _urgent = new();
    private readonly Queue<TaskCompletionSource> _ordinary = new();
    private readonly int _slots;
    private readonly int _reserve;
    private int _running;

    public PrioritySlots(int slots, int reserve = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(reserve);
        (_slots, _reserve) = (slots, reserve);
    }

    /// <summary>Ordinary slots free right now.</summary>
    public int Free
    {
        get
        {
            lock (_gate)
            {
                return Math.Max(0, _slots - _running);
            }
        }
    }

    public Task WaitAsync(bool urgent, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_running < _slots + (urgent ? _reserve : 0))
            {
                _running++;
                return Task.CompletedTask;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (urgent ? _urgent : _ordinary).Enqueue(waiter);
        }

        if (cancellationToken.CanBeCanceled)
        {
            // A cancelled waiter stays queued; Release skips it and hands the slot to the next one.
            cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
        }

        return waiter.Task;
    }

    public void Release()
    {
        lock (_gate)
        {
            _running--;
            if (Hand(_urgent, _slots + _reserve))
            {
                return;
            }

            Hand(_ordinary, _slots);
        }
    }

    // Gives the freed capacity to the first live waiter of the queue, if the running count allows it.
    private bool Hand(Queue<TaskCompletionSource> queue, int limit)
    {
        while (_running < limit && queue.TryDequeue(out var next))
        {
            if (next.TrySetResult())
            {
                _running++;
                return true;
            }
        }

        return false;
    }
}
