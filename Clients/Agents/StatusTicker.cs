namespace OrleansHall.Clients.Agents;

/// <summary>Prints a status line every few seconds until stopped.</summary>
public static class StatusTicker
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(Func<string> line, TextWriter output, TimeProvider time, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                output.WriteLine($"{time.GetLocalNow():HH:mm:ss} {line()}");
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
