using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using WireLens.Load.Processes;

namespace WireLens.Load.Target;

/// <summary>
/// The embedded target running as a child process (<c>wirelens target ... --exit-on-stdin-eof</c>), so that the
/// server and the capture do not share one runtime. Its standard input is a pipe held open by this process and never
/// written: when this process ends, even by SIGKILL, the kernel closes the pipe, the target reads end-of-file and
/// exits, so no target outlives the run. <see cref="StopAsync"/> closes the pipe itself (a clean stop, exit 0) and
/// kills the target only if it has not exited within <see cref="EmbeddedTargetSettings.StopGracePeriod"/>.
/// </summary>
public sealed class EmbeddedTarget : IAsyncDisposable
{
    private readonly Process _process;
    private readonly EmbeddedTargetSettings _settings;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<TargetReadyLine> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private TargetReadyLine? _readyLine;
    private bool _disposed;

    private EmbeddedTarget(Process process, EmbeddedTargetSettings settings)
    {
        _process = process;
        _settings = settings;
        _stdoutPump = PumpAsync(process.StandardOutput, _stdout, readyLines: true);
        _stderrPump = PumpAsync(process.StandardError, _stderr, readyLines: false);
    }

    /// <summary>The HTTP/1.1 cleartext URL (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri HttpUrl => Ready.Http;

    /// <summary>The HTTPS URL (TLS 1.2/1.3, h2 and http/1.1 by ALPN, self-signed certificate).</summary>
    public Uri HttpsUrl => Ready.Https;

    /// <summary>The h2c prior-knowledge URL.</summary>
    public Uri H2cUrl => Ready.H2c;

    /// <summary>The target's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the target process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The target's standard output so far (the ready line and the human line).</summary>
    public string StandardOutput
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>The target's standard error so far (empty unless something went wrong).</summary>
    public string StandardError
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    private TargetReadyLine Ready => _readyLine ?? throw new InvalidOperationException("the embedded target is not ready");

    /// <summary>
    /// Starts the target with <paramref name="settings"/> and returns once it printed its ready line (all listeners
    /// accept connections). Throws <see cref="EmbeddedTargetException"/> when it exits first, says nothing within
    /// <see cref="EmbeddedTargetSettings.ReadyTimeout"/> or cannot be started; the process is gone by then.
    /// </summary>
    public static async Task<EmbeddedTarget> StartAsync(EmbeddedTargetSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        (string fileName, IReadOnlyList<string> prefix) = SelfCommand.Resolve();
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string arg in (IEnumerable<string>)[.. prefix, "target", .. settings.CommandArguments()])
        {
            startInfo.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new EmbeddedTargetException($"cannot start the embedded target ({fileName}): {e.Message}", e);
        }

        var target = new EmbeddedTarget(process, settings);
        try
        {
            await target.WaitUntilReadyAsync(cancellationToken);
        }
        catch (EmbeddedTargetException)
        {
            await target.DisposeAsync();
            throw;
        }
        catch (OperationCanceledException)
        {
            await target.DisposeAsync();
            throw;
        }

        return target;
    }

    /// <summary>
    /// Stops the target: closes its standard input (it stops listening, finishes requests in flight and exits 0),
    /// waits <see cref="EmbeddedTargetSettings.StopGracePeriod"/>, then kills it. Returns its exit code (137 or -1 when killed).
    /// </summary>
    public async Task<int> StopAsync()
    {
        CloseStandardInput();
        if (!await WaitForExitAsync(_settings.StopGracePeriod))
        {
            Kill();
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        await DrainAsync();
        return _process.HasExited ? _process.ExitCode : -1;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync();
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.ReadyTimeout);
        Task exited = _process.WaitForExitAsync(timeout.Token);
        Task finished = await Task.WhenAny(_ready.Task, exited);
        if (finished == _ready.Task)
        {
            _readyLine = await _ready.Task;
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!_process.HasExited)
        {
            throw new EmbeddedTargetException(string.Create(
                CultureInfo.InvariantCulture,
                $"the embedded target printed no ready line within {_settings.ReadyTimeout.TotalSeconds:0.#} s{Quote(LastLine(StandardError))}"));
        }

        await DrainAsync();
        string why = LastLine(StandardError) is { Length: > 0 } line
            ? StripErrorPrefix(line)
            : string.Create(CultureInfo.InvariantCulture, $"exit code {_process.ExitCode}");
        throw new EmbeddedTargetException("the embedded target did not start: " + why) { ExitCode = _process.ExitCode };
    }

    private void CloseStandardInput()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The target has gone already: the pipe is broken, which is what closing it is for.
        }
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
        catch (Win32Exception)
        {
            // Exited meanwhile.
        }
    }

    private async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return _process.HasExited;
        }
    }

    /// <summary>Lets the pumps read what the exited target left in its pipes (bounded: a grandchild could hold them).</summary>
    private async Task DrainAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await Task.WhenAll(_stdoutPump, _stderrPump).WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // Keep what arrived.
        }
    }

    private async Task PumpAsync(StreamReader reader, StringBuilder target, bool readyLines)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (_gate)
                {
                    target.Append(line).Append('\n');
                }

                if (readyLines && TargetReadyLine.TryParse(line, out TargetReadyLine? ready))
                {
                    _ready.TrySetResult(ready);
                }
            }
        }
        catch (IOException)
        {
            // The pipe broke when the target was killed; keep what arrived.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while reading.
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [.., var last] ? last : string.Empty;

    private static string StripErrorPrefix(string line) =>
        line.StartsWith("wirelens: error: ", StringComparison.Ordinal) ? line["wirelens: error: ".Length..] : line;

    private static string Quote(string line) => line.Length == 0 ? string.Empty : ": " + StripErrorPrefix(line);
}
