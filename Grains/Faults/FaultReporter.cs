using Microsoft.Extensions.Logging;

namespace OrleansHall.Grains.Faults;

/// <summary>
/// Logs an outage once, not once per failed call: the first failure as one line naming the cause, a count every
/// <see cref="RepeatEvery"/> while it lasts, and one line when calls succeed again. Thread-safe.
/// </summary>
public sealed class FaultReporter(ILogger<FaultReporter> logger, TimeProvider time)
{
    public static readonly TimeSpan RepeatEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private long _failures;
    private long _failuresSinceLine;
    private DateTimeOffset _since;
    private DateTimeOffset _lastLine;

    /// <summary>Failed calls in the current outage (0 when none).</summary>
    public long CurrentFailures
    {
        get
        {
            lock (_gate)
            {
                return _failures;
            }
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _bugsSeen = new();

    /// <summary>True when this kind of unexpected failure at this place was seen (and logged) before.</summary>
    public bool SeenBug(Exception error, string where) => !_bugsSeen.TryAdd($"{error.GetType().FullName}@{where}", 0);

    public void Failed(string where, Exception error)
    {
        Diagnostics.Telemetry.StorageFailures.Add(1);
        var now = time.GetUtcNow();
        string? line = null;
        lock (_gate)
        {
            _failures++;
            _failuresSinceLine++;
            if (_failures == 1)
            {
                _since = _lastLine = now;
                _failuresSinceLine = 0;
                line = $"storage unavailable at {where} ({StorageFaults.Describe(error)}); callers are told to retry, the next line comes when it recovers";
            }
            else if (now - _lastLine >= RepeatEvery)
            {
                line = $"storage still unavailable after {(now - _since).TotalSeconds:0} s: {_failuresSinceLine} more failed calls ({StorageFaults.Describe(error)})";
                _lastLine = now;
                _failuresSinceLine = 0;
            }
        }

        if (line is not null)
        {
            logger.LogWarning("{Fault}", line);
        }
    }

    public void Succeeded()
    {
        if (Interlocked.Read(ref _failures) == 0)
        {
            return;
        }

        long failures;
        TimeSpan lasted;
        lock (_gate)
        {
            if (_failures == 0)
            {
                return;
            }

            failures = _failures;
            lasted = time.GetUtcNow() - _since;
            _failures = 0;
        }

        logger.LogWarning("{Fault}", $"storage available again after {lasted.TotalSeconds:0} s and {failures} failed calls");
    }
}
