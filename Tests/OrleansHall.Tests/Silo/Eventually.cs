namespace OrleansHall.Tests.Silo;

internal static class Eventually
{
    /// <summary>Re-reads until the condition holds; fails naming <paramref name="what"/> and the last value after the timeout.</summary>
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out after {seconds}s waiting for {what}; last value: {value}");
            }

            await Task.Delay(200);
        }
    }
}
