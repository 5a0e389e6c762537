using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace WireLens.Testing;

/// <summary>
/// A started external process whose standard output and error are collected in the background.
/// Send it SIGINT with <see cref="Interrupt"/> (tcpdump then writes its statistics and closes the file), wait for it,
/// or dispose it: disposing kills the whole process tree when it is still running.
/// </summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(20);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private bool _disposed;

    internal RunningProcess(ProcessStartInfo startInfo, string? stdin)
    {
        FileName = startInfo.FileName;
        _process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        try
        {
            _process.Start();
        }
        catch (Win32Exception ex)
        {
            _process.Dispose();
            throw new InvalidOperationException($"cannot start {startInfo.FileName}: {ex.Message}", ex);
        }

        // Raw pumps rather than line events: the text is kept exactly as written (no added final newline).
        _stdoutPump = PumpAsync(_process.StandardOutput, _stdout);
        _stderrPump = PumpAsync(_process.StandardError, _stderr);
        try
        {
            if (stdin is not null)
            {
                _process.StandardInput.Write(stdin);
            }

            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process exited before reading its input; its exit code tells the story.
        }
    }

    /// <summary>The program that was started.</summary>
    public string FileName { get; }

    /// <summary>The process id (for `ip netns exec` the id of the command itself, since ip execs it).</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Standard output collected so far, exactly as written.</summary>
    public string StdOut
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Standard error collected so far, exactly as written.</summary>
    public string StdErr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Sends SIGINT (like Ctrl+C), the signal tcpdump and the load tools stop cleanly on.</summary>
    public void Interrupt() => Signal("INT");

    /// <summary>Sends the named signal (INT, QUIT, TERM, HUP...) with the shell's kill builtin; ignored once exited.</summary>
    public void Signal(string signalName)
    {
        if (HasExited)
        {
            return;
        }

        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("kill -s \"$1\" \"$2\" 2>/dev/null");
        startInfo.ArgumentList.Add("sh");
        startInfo.ArgumentList.Add(signalName);
        startInfo.ArgumentList.Add(Id.ToString(CultureInfo.InvariantCulture));
        using Process kill = Process.Start(startInfo)!;
        kill.WaitForExit();
    }

    /// <summary>Kills the process and all its descendants at once; ignored once exited.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
        catch (Win32Exception)
        {
            // Exited meanwhile, or a descendant vanished while the tree was walked.
        }
    }

    /// <summary>
    /// Waits until <paramref name="text"/> appears on standard output or error. Returns false when the process
    /// exits or <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (StdErr.Contains(text, StringComparison.Ordinal) || StdOut.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (_process.HasExited || watch.Elapsed > timeout)
            {
                // One last look: the line may have arrived together with the exit.
                await Task.Delay(s_pollInterval);
                return StdErr.Contains(text, StringComparison.Ordinal) || StdOut.Contains(text, StringComparison.Ordinal);
            }

            await Task.Delay(s_pollInterval);
        }
    }

    /// <summary>
    /// Waits for the process to exit, at most <paramref name="timeout"/>; after that the process tree is killed
    /// and the result says <see cref="ProcessResult.TimedOut"/>.
    /// </summary>
    public async Task<ProcessResult> WaitAsync(TimeSpan timeout)
    {
        bool timedOut = false;
        using (var cts = new CancellationTokenSource(timeout))
        {
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
            }
        }

        if (timedOut)
        {
            Kill();
        }

        // After the exit, let the pumps drain the pipes; bounded in case a daemonised grandchild still holds them.
        using (var drain = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(drain.Token);
                await Task.WhenAll(_stdoutPump, _stderrPump).WaitAsync(drain.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        return Result(timedOut);
    }

    /// <summary>The blocking form of <see cref="WaitAsync"/>.</summary>
    public ProcessResult Wait(TimeSpan timeout)
    {
        bool timedOut = !_process.WaitForExit(timeout);
        if (timedOut)
        {
            Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        // Let the pumps drain the pipes; bounded in case a daemonised grandchild still holds them.
        if (!Task.WaitAll([_stdoutPump, _stderrPump], TimeSpan.FromSeconds(10)))
        {
            Kill();
        }

        return Result(timedOut);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        Kill();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                // Left to the kernel; nothing more a test can do.
            }
        }

        DisposeProcess();
    }

    internal void DisposeProcess()
    {
        if (!_disposed)
        {
            _disposed = true;
            _process.Dispose();
        }
    }

    private ProcessResult Result(bool timedOut)
    {
        int exitCode = _process.HasExited ? _process.ExitCode : -1;
        return new ProcessResult(exitCode, StdOut, StdErr, timedOut);
    }

    private async Task PumpAsync(StreamReader reader, StringBuilder target)
    {
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                lock (_gate)
                {
                    target.Append(buffer, 0, read);
                }
            }
        }
        catch (IOException)
        {
            // The pipe broke when the process was killed; keep what arrived.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while reading.
        }
    }
}
