using Xunit;

namespace OrleansHall.TestSupport;

/// <summary>Runs `hallctl` commands against one database as real processes, and keeps what each printed for a failure message.</summary>
public sealed class HallCtlRuns(string connectionString)
{
    private readonly List<string> _outputs = [];

    public IReadOnlyList<string> Outputs => _outputs;

    /// <summary>Runs one command to its end; fails the test when it exits otherwise than expected. Returns its output.</summary>
    public async Task<string> RunAsync(int expectedExit, params string[] args)
    {
        await using var hallctl = new ChildProcess("dotnet", [Repository.HallCtl, .. args, "--db", connectionString]);
        var exit = await hallctl.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Add($"hallctl {string.Join(' ', args.Take(2))}", exit, hallctl.Output);
        Assert.True(exit == expectedExit, $"hallctl {string.Join(' ', args)} exited {exit}, expected {expectedExit}:\n{hallctl.Output}");
        return hallctl.Output;
    }

    /// <summary>Records the output of a command run otherwise (one fed on stdin, say).</summary>
    public void Add(string command, int exit, string output) => _outputs.Add($"$ {command} -> {exit}\n{output}");

    public override string ToString() => string.Join("\n", _outputs);
}
