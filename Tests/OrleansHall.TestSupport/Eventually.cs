namespace OrleansHall.TestSupport;

/// <summary>Waits for what other grains or processes make true: no sleeps in tests, and a failure that says what it last saw.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Re-reads until the condition holds; fails naming <paramref name="what"/> and the last value after
    /// <paramref name="seconds"/>. A read that throws fails at once, unless <paramref name="retryErrors"/> (a process
    /// still starting): then it counts as "not yet" and its message is the last value.
    /// </summary>
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, int seconds = 30, bool retryErrors = false)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        object? last = null;
        while (true)
        {
            try
            {
                var value = await read();
                if (condition(value))
                {
                    return value;
                }

                last = value;
            }
            catch (Exception ex) when (retryErrors && ex is not OperationCanceledException)
            {
                last = ex.GetBaseException().Message;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {seconds}s waiting for {what}; last value: {last}");
            }

            await Task.Delay(PollEvery);
        }
    }
}
