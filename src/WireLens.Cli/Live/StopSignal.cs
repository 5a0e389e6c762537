using System.Runtime.InteropServices;

namespace WireLens.Cli.Live;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM turned into a cancellation, so that a live command stops its generator and capture,
/// flushes the file and the manifest and prints the report instead of dying. A second signal is left to the default
/// action (the process ends at once), so an impatient user is never stuck.
/// </summary>
public sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _signals;

    public StopSignal()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>Whether a signal arrived.</summary>
    public bool Signalled => Volatile.Read(ref _signals) > 0;

    /// <summary>The signal that arrived first, or null.</summary>
    public PosixSignal? Which { get; private set; }

    /// <summary>Whether the stop was asked for from inside (the terminal UI's q or Ctrl-C key) rather than by a signal.</summary>
    public bool Requested { get; private set; }

    /// <summary>Stops as SIGINT would (the terminal UI's q, or Ctrl-C read as a key in raw mode).</summary>
    public void Request()
    {
        if (Interlocked.Increment(ref _signals) == 1)
        {
            Which = PosixSignal.SIGINT;
            Requested = true;
            _cts.Cancel();
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) == 1)
        {
            Which = context.Signal;
            context.Cancel = true;
            _cts.Cancel();
        }
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cts.Dispose();
    }
}
