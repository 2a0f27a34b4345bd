namespace OrleansHall.Clients.Agents;

public static class Background
{
    /// <summary>Awaits background loops after they were cancelled; their cancellation is the expected way out.</summary>
    public static async Task WhenStoppedAsync(params Task[] tasks)
    {
        foreach (var task in tasks)
        {
            try
            {
                await task;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Reads a line without pinning the caller; Console.In ignores cancellation, so Ctrl-C abandons the read.</summary>
    public static Task<string?> ReadLineAsync(TextReader reader, CancellationToken stopping) =>
        Task.Run(reader.ReadLine, CancellationToken.None).WaitAsync(stopping);
}
