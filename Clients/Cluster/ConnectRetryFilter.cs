using OrleansHall.Clients.Delivery;

namespace OrleansHall.Clients.Cluster;

/// <summary>
/// Keeps trying to reach the cluster at start-up with back-off, so an agent started before its silo
/// (or during a silo restart) simply waits; one-shot commands give up after <paramref name="giveUpAfter"/>.
/// </summary>
public sealed class ConnectRetryFilter(TimeSpan? giveUpAfter, Backoff backoff, TimeProvider time, Action<string> report)
    : IClientConnectionRetryFilter
{
    private readonly long _started = time.GetTimestamp();
    private int _attempt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        _attempt++;
        var elapsed = time.GetElapsedTime(_started);
        if (giveUpAfter is { } limit && elapsed >= limit)
        {
            return false;
        }

        var delay = backoff.Delay(_attempt);
        if (_attempt == 1 || _attempt % 10 == 0)
        {
            report($"cluster not reachable yet ({exception.GetType().Name}: {FirstLine(exception.Message)}); retrying (attempt {_attempt}, next in {delay.TotalSeconds:0.#} s)");
        }

        await Task.Delay(delay, time, cancellationToken);
        return true;
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
