using System.Diagnostics;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>A child process that serves on a loopback port: started and waited for until it listens,
/// and killed outright (with its children) when the test is done with it.</summary>
internal sealed class ServerProcess
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private Process? _process;

    /// <summary>Everything the process wrote to stdout and stderr, across restarts.</summary>
    public IEnumerable<string> Output => _output;

    public async Task StartAsync(ProcessStartInfo start, int port, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await FreePort.WaitUntilListeningAsync(port, timeout, () => !_process.HasExited);
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>SIGINT, as Ctrl+C: the process closes cleanly and keeps what it had written.</summary>
    public async Task InterruptAsync()
    {
        if (_process is { HasExited: false })
        {
            using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }
}
