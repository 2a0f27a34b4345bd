namespace OrleansHall.Web.Tests;

public static class Eventually
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Awaits a condition that other processes make true; fails with <paramref name="what"/> and the last
    /// observation when <paramref name="timeout"/> passes.
    /// </summary>
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var timer = new PeriodicTimer(PollEvery);
        object? last = null;
        do
        {
            try
            {
                var value = await probe();
                if (condition(value))
                {
                    return value;
                }

                last = value;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                last = ex.GetBaseException().Message;
            }
        }
        while (await WaitAsync(timer, cts.Token));

        throw new TimeoutException($"Waited {timeout} for {what}; last saw: {last}");
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
