using OrleansHall.Clients.Cluster;

namespace OrleansHall.Clients.Delivery;

/// <summary>
/// Sends one request again, unchanged (so with the same event id), until the cluster answers it: with a result or
/// with a refusal, which is thrown. A request applied before its reply was lost is then answered from the grain's
/// journal instead of being applied twice (a second ticket, a second call to the counter).
/// </summary>
public static class Resend
{
    /// <param name="patience">How long to keep trying; null for as long as it takes. When it runs out the last failure is thrown.</param>
    public static async Task<T> UntilAnsweredAsync<T>(
        Func<Task<T>> send, Backoff backoff, TimeProvider time, TimeSpan? patience, CancellationToken stopping)
    {
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await send();
            }
            catch (Exception error) when (!TransientFailures.IsRefusal(error)
                && !(error is OperationCanceledException && stopping.IsCancellationRequested)
                && (patience is null || time.GetElapsedTime(started) < patience))
            {
                await Task.Delay(backoff.Delay(attempt), time, stopping);
            }
        }
    }

    public static Task UntilAnsweredAsync(Func<Task> send, Backoff backoff, TimeProvider time, TimeSpan? patience, CancellationToken stopping)
        => UntilAnsweredAsync(async () =>
        {
            await send();
            return true;
        }, backoff, time, patience, stopping);
}
