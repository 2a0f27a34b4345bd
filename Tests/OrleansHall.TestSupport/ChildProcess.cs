using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OrleansHall.TestSupport;

/// <summary>
/// A process a test started (a silo, the console, hallctl, a script), with everything it printed kept for assertions
/// and failure messages. Disposing it kills whatever is still running, whatever state the test left it in.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable, IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly List<(DateTimeOffset At, string Line)> _lines = [];

    public ChildProcess(
        string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, string? name = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Test clusters speak plain TCP: hallctl must not pick up the TLS certificate ./run.sh left in this checkout.
        start.Environment["ORLEANSHALL_CLIENT_CERT"] = "none";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        Name = name ?? string.Join(' ', start.ArgumentList.Prepend(file).Take(3).Select(Path.GetFileName));
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        _process.OutputDataReceived += (_, e) => Append(e.Data, _stdout);
        _process.ErrorDataReceived += (_, e) => Append(e.Data, _stderr);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What failure messages call it: "silo", "console", or the command and its first arguments.</summary>
    public string Name { get; }

    /// <summary>Standard output and error, interleaved as they arrived.</summary>
    public string Output => Read(_output);

    public string StandardOutput => Read(_stdout);

    public string StandardError => Read(_stderr);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Runs a command to its end; throws with its output when it fails or outlasts <paramref name="timeout"/>. Returns its output.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        await using var child = new ChildProcess(file, arguments, workingDirectory: workingDirectory);
        child.CloseInput();
        var exit = await child.WaitForExitAsync(timeout);
        return exit == 0 ? child.Output : throw new InvalidOperationException($"{child.Name} exited with {exit}:\n{child.Output}");
    }

    /// <summary>The first line that matches, with the wall-clock time this test read it; null if none yet.</summary>
    public (DateTimeOffset At, string Line)? FirstLine(Func<string, bool> matches)
    {
        lock (_output)
        {
            foreach (var line in _lines)
            {
                if (matches(line.Line))
                {
                    return line;
                }
            }
        }

        return null;
    }

    /// <summary>Writes one line to the process's standard input.</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Closes the process's standard input, as the end of a piped file does.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>
    /// Like Ctrl-C: asks the process to stop and waits for it. A process started from a background job of a
    /// non-interactive shell inherits SIGINT ignored (and keeps it ignored); it then gets SIGTERM, which hallctl
    /// handles the same way.
    /// </summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        await SignalAsync(IgnoresInterrupt() ? "TERM" : "INT");
        return await WaitForExitAsync(timeout);
    }

    /// <summary>Sends a signal by name: STOP freezes the process (its peers see a link that black-holes), CONT resumes it.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("Could not run kill.");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} exited with {kill.ExitCode}.");
        }
    }

    /// <summary>Like a crash: no chance to say goodbye.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            var tail = string.Join('\n', Output.Split('\n').TakeLast(40));
            throw new TimeoutException($"{Name} did not exit within {timeout}; its last output:\n{tail}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private bool IgnoresInterrupt()
    {
        var status = $"/proc/{_process.Id}/status";
        var ignored = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) : null;
        return ignored is not null
            && ulong.TryParse(ignored["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
            && (mask & (1UL << 1)) != 0; // bit 1: signal 2, SIGINT
    }

    private string Read(StringBuilder text)
    {
        lock (_output)
        {
            return text.ToString();
        }
    }

    private void Append(string? line, StringBuilder stream)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
                stream.AppendLine(line);
                _lines.Add((DateTimeOffset.UtcNow, line));
            }
        }
    }
}
