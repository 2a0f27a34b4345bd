namespace OrleansHall.Clients.Delivery;

/// <summary>
/// Readings (passages, device usage) waiting to reach the cluster, oldest first. While the cluster is
/// unreachable they wait here and are re-sent in order with back-off; each reading carries the EventId
/// chosen when it was taken, so a re-send after an unacknowledged success is stored once by the grain.
/// When full, the oldest reading is dropped and counted: recent readings matter most for a live hall.
/// </summary>
public sealed class ReadingOutbox<T>
{
    private readonly LinkedList<(long Sequence, T Item)> _items = new();
    private readonly Lock _gate = new();
    private readonly Backoff _backoff;
    private readonly Func<Exception, bool> _isTransient;
    private TaskCompletionSource _itemArrived = NewSignal();
    private TaskCompletionSource _emptied = NewSignal();
    private long _nextSequence;
    private long _sent;
    private long _rejected;
    private long _overflowed;
    private long _retries;
    private int _consecutiveFailures;

    public ReadingOutbox(int capacity, Backoff backoff, Func<Exception, bool> isTransient)
    {
        if (capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The outbox must hold at least one reading.");
        }

        Capacity = capacity;
        _backoff = backoff;
        _isTransient = isTransient;
    }

    public int Capacity { get; }

    /// <summary>Called whenever a reading leaves the outbox: delivered, refused, or dropped on overflow.</summary>
    public Action<T>? OnRemoved { get; init; }

    /// <summary>Called when the cluster refused a reading for good; the reading is gone.</summary>
    public Action<T, Exception>? OnRejected { get; init; }

    /// <summary>Called on the first failure of an outage (not on every retry).</summary>
    public Action<Exception>? OnUnreachable { get; init; }

    /// <summary>Called when a send succeeds after an outage, with the number of failed attempts.</summary>
    public Action<int>? OnRecovered { get; init; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public OutboxStats Stats
    {
        get
        {
            lock (_gate)
            {
                return new OutboxStats(_items.Count, _sent, _rejected, _overflowed, _retries);
            }
        }
    }

    /// <summary>Keeps a reading for delivery. Returns false when the outbox was full and its oldest reading was dropped.</summary>
    public bool Enqueue(T item)
    {
        TaskCompletionSource arrived;
        (long Sequence, T Item)? dropped = null;
        lock (_gate)
        {
            if (_items.Count == Capacity)
            {
                dropped = _items.First!.Value;
                _items.RemoveFirst();
                _overflowed++;
            }

            _items.AddLast((_nextSequence++, item));
            arrived = _itemArrived;
        }

        if (dropped is { } gone)
        {
            OnRemoved?.Invoke(gone.Item);
        }

        arrived.TrySetResult();
        return dropped is null;
    }

    /// <summary>The readings waiting, oldest first.</summary>
    public IReadOnlyList<T> Pending()
    {
        lock (_gate)
        {
            return _items.Select(e => e.Item).ToList();
        }
    }

    /// <summary>Tries to deliver the oldest reading once.</summary>
    public async Task<SendResult> SendNextAsync(Func<T, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        (long Sequence, T Item) head;
        lock (_gate)
        {
            if (_items.First is not { } first)
            {
                return new SendResult(SendOutcome.Empty);
            }

            head = first.Value;
        }

        try
        {
            await send(head.Item, cancellationToken);
        }
        catch (Exception error) when (!(error is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            if (_isTransient(error))
            {
                int failures;
                lock (_gate)
                {
                    failures = ++_consecutiveFailures;
                    _retries++;
                }

                if (failures == 1)
                {
                    OnUnreachable?.Invoke(error);
                }

                return new SendResult(SendOutcome.RetryLater, _backoff.Delay(failures), error);
            }

            // A refusal is an answer: the cluster is reachable again.
            Settle(head, sent: false);
            OnRejected?.Invoke(head.Item, error);
            return new SendResult(SendOutcome.Rejected, Error: error);
        }

        Settle(head, sent: true);
        return new SendResult(SendOutcome.Sent);
    }

    /// <summary>The head got an answer (delivered or refused): drop it, count it, and end any outage.</summary>
    private void Settle((long Sequence, T Item) head, bool sent)
    {
        int failedBefore;
        lock (_gate)
        {
            RemoveHead(head.Sequence);
            if (sent)
            {
                _sent++;
            }
            else
            {
                _rejected++;
            }

            failedBefore = _consecutiveFailures;
            _consecutiveFailures = 0;
        }

        OnRemoved?.Invoke(head.Item);
        if (failedBefore > 0)
        {
            OnRecovered?.Invoke(failedBefore);
        }
    }

    /// <summary>Delivers readings as they come, until cancelled; waits out outages with back-off.</summary>
    public async Task RunAsync(Func<T, CancellationToken, Task> send, TimeProvider time, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var result = await SendNextAsync(send, cancellationToken);
            switch (result.Outcome)
            {
                case SendOutcome.Empty:
                    await WaitForItemAsync(cancellationToken);
                    break;
                case SendOutcome.RetryLater:
                    await Task.Delay(result.RetryAfter!.Value, time, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>Completes when nothing is waiting (all delivered or rejected).</summary>
    public Task WhenEmptyAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_items.Count == 0)
            {
                return Task.CompletedTask;
            }

            if (_emptied.Task.IsCompleted)
            {
                _emptied = NewSignal();
            }

            return _emptied.Task.WaitAsync(cancellationToken);
        }
    }

    private Task WaitForItemAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_items.Count > 0)
            {
                return Task.CompletedTask;
            }

            if (_itemArrived.Task.IsCompleted)
            {
                _itemArrived = NewSignal();
            }

            return _itemArrived.Task.WaitAsync(cancellationToken);
        }
    }

    // Caller holds _gate. The head may already be gone if overflow dropped it while it was being sent.
    private void RemoveHead(long sequence)
    {
        if (_items.First is { } first && first.Value.Sequence == sequence)
        {
            _items.RemoveFirst();
        }

        if (_items.Count == 0)
        {
            _emptied.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
