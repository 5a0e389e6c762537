using WireLens.Analysis.Connections;
using WireLens.Capture.Live;
using WireLens.Cli.Pipeline;
using WireLens.Load.Processes;
using WireLens.Reporting.Runs;
using WireLens.Wire;

namespace WireLens.Cli.Live;

/// <summary>What a live session captures and how.</summary>
public sealed record LiveSessionOptions
{
    public required string Interface { get; init; }

    public string? Filter { get; init; }

    public int BufferMegabytes { get; init; } = LiveCaptureOptions.DefaultBufferMegabytes;

    public int SnapLength { get; init; } = LiveCaptureOptions.FullSnapLength;

    /// <summary>libpcap's immediate mode (see <see cref="LiveCaptureOptions.Immediate"/>).</summary>
    public bool Immediate { get; init; }

    /// <summary>The run's folder: the capture and the manifest are written there.</summary>
    public required string Folder { get; init; }

    /// <summary>Poll /proc for socket owners (the process rule of attribution).</summary>
    public bool ScanProcesses { get; init; }

    /// <summary>Seconds without a packet after which the live analysis releases a connection as still open.</summary>
    public double IdleTimeoutSeconds { get; init; } = 300;

    /// <summary>Open connections the live analysis holds at most (<see cref="ConnectionTrackerOptions.MaxConnections"/>).</summary>
    public int MaxConnections { get; init; } = ConnectionTrackerOptions.DefaultMaxConnections;

    public TimeSpan StallCaptureFor { get; init; }

    public TimeSpan StallAnalysisFor { get; init; }

    /// <summary>Watches the live analysis (the terminal UI), or null.</summary>
    public ILiveWatcher? Watcher { get; init; }
}

/// <summary>
/// One live capture with its analysis and (optionally) a /proc socket-owner poller: started by <c>live</c>, <c>run</c>
/// and <c>compare</c> around the load, stopped after it; then <see cref="CaptureInfo"/> goes into the manifest.
/// </summary>
public sealed class LiveSession : IDisposable
{
    private static readonly TimeSpan s_pollEvery = TimeSpan.FromMilliseconds(100);

    private readonly LiveCapture _capture;
    private readonly CancellationTokenSource _stopPolling = new();
    private readonly Task? _polling;
    private bool _stopped;

    private LiveSession(LiveCapture capture, LiveSessionOptions options)
    {
        _capture = capture;
        Folder = options.Folder;
        CapturePath = Path.Combine(options.Folder, RunFolders.CaptureFile);
        Analysis = new LiveAnalysis(
            new CaptureAnalysisOptions
            {
                Tracker = new ConnectionTrackerOptions
                {
                    IdleTimeout = TimeSpan.FromSeconds(options.IdleTimeoutSeconds),
                    MaxConnections = options.MaxConnections,
                },
            },
            () => _capture.Statistics,
            options.Watcher);
        if (options.ScanProcesses)
        {
            Scanner = new ProcSocketScanner();
            _polling = Task.Run(() => PollAsync(_stopPolling.Token));
        }

        _capture.Start(Analysis);
    }

    /// <summary>The run's folder.</summary>
    public string Folder { get; }

    /// <summary>The capture file being written.</summary>
    public string CapturePath { get; }

    /// <summary>The capture device.</summary>
    public string Interface => _capture.Interface;

    /// <summary>The live analysis and its snapshots.</summary>
    public LiveAnalysis Analysis { get; }

    /// <summary>The socket-owner poller, when asked for.</summary>
    public ProcSocketScanner? Scanner { get; }

    /// <summary>The capture's counters so far.</summary>
    public LiveCaptureStatistics Statistics => _capture.Statistics;

    /// <summary>Opens the capture and starts it; on failure a one-line <paramref name="error"/>.</summary>
    public static bool TryStart(LiveSessionOptions options, out LiveSession? session, out string error)
    {
        ArgumentNullException.ThrowIfNull(options);
        session = null;
        var captureOptions = new LiveCaptureOptions
        {
            Interface = options.Interface,
            Filter = options.Filter,
            BufferMegabytes = options.BufferMegabytes,
            SnapLength = options.SnapLength,
            Immediate = options.Immediate,
            OutputFile = Path.Combine(options.Folder, RunFolders.CaptureFile),
            StallCaptureFor = options.StallCaptureFor,
            StallAnalysisFor = options.StallAnalysisFor,
        };
        if (LiveCapture.TryOpen(captureOptions, out LiveCapture? capture, out error) != LiveCaptureOpenStatus.Opened)
        {
            return false;
        }

        session = new LiveSession(capture!, options);
        return true;
    }

    /// <summary>Stops polling and capturing, drains and flushes; returns the final counters. Idempotent.</summary>
    public LiveCaptureStatistics Stop()
    {
        if (!_stopped)
        {
            _stopped = true;
            _stopPolling.Cancel();
            _polling?.GetAwaiter().GetResult();
            _capture.Stop();
            Analysis.Publish();
        }

        return _capture.Statistics;
    }

    /// <summary>The manifest's <c>capture</c> object: file, interface, port range and the counters.</summary>
    public CaptureInfo CaptureInfo()
    {
        LiveCaptureStatistics s = _capture.Statistics;
        return new CaptureInfo(RunFolders.CaptureFile, _capture.Interface, PortRanges.Local(), s.Received, s.DroppedByKernel, s.DroppedByInterface)
        {
            DroppedByQueue = s.DroppedByQueue,
        };
    }

    /// <summary>The current wall-clock time as a packet timestamp (both are the kernel's realtime clock).</summary>
    public static Timestamp Now() => Timestamp.FromDateTime(DateTimeOffset.UtcNow);

    private async Task PollAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(s_pollEvery);
        Scanner!.Poll(Now());
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                Scanner.Poll(Now());
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: one last look, so that sockets still open at the end are recorded.
        }

        Scanner.Poll(Now());
    }

    public void Dispose()
    {
        Stop();
        _capture.Dispose();
        _stopPolling.Dispose();
    }
}
