using System.Diagnostics;
using WireLens.Analysis.Connections;
using WireLens.Capture.Files;
using WireLens.Capture.Live;
using WireLens.Cli.Pipeline;

namespace WireLens.Cli.Live;

/// <summary>
/// The analysis side of a live capture: every packet through the same <see cref="PacketPipeline"/> as
/// <c>analyze</c>, with a snapshot published every <see cref="PublishEvery"/> (and on demand at the end). Runs on the
/// capture's analysis thread; <see cref="Latest"/> may be read from any thread.
/// </summary>
public sealed class LiveAnalysis : ILivePacketConsumer, IConnectionSink
{
    /// <summary>How often a snapshot is published.</summary>
    public static readonly TimeSpan PublishEvery = TimeSpan.FromMilliseconds(250);

    private readonly PacketPipeline _pipeline;
    private readonly Func<LiveCaptureStatistics> _statistics;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastPublished;
    private long _closed;
    private long _requests;
    private long _synRetransmits;
    private long _retransmissions;
    private long _resets;
    private long _clientFirst;
    private long _serverFirst;
    private readonly ILiveWatcher? _watcher;
    private LiveSnapshot? _latest;
    private Wire.Timestamp _now;

    /// <param name="options">The pipeline's options (as <c>analyze</c>'s).</param>
    /// <param name="statistics">The capture's counters, read when a snapshot is made.</param>
    /// <param name="watcher">Receives released connections and snapshots on the analysis thread (the terminal UI), or null.</param>
    public LiveAnalysis(CaptureAnalysisOptions options, Func<LiveCaptureStatistics> statistics, ILiveWatcher? watcher = null)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        _statistics = statistics;
        _watcher = watcher;
        _pipeline = new PacketPipeline(options, this);
    }

    /// <summary>Raised on the analysis thread after each snapshot is published.</summary>
    public event Action<LiveSnapshot>? Published;

    /// <summary>The last snapshot published, or null before the first.</summary>
    public LiveSnapshot? Latest => Volatile.Read(ref _latest);

    public void OnPacket(in CaptureRecord record)
    {
        _pipeline.Process(in record);
        if (record.Timestamp > _now)
        {
            _now = record.Timestamp;
        }
    }

    public void OnIdle()
    {
        TimeSpan now = _clock.Elapsed;
        if (now - _lastPublished >= PublishEvery)
        {
            // Packet time stands still while nothing arrives; the wall clock (the same clock the kernel stamps packets
            // with) lets connections closed a while ago leave the tracker and count in the snapshot.
            _now = LiveSession.Now();
            _pipeline.AdvanceTo(_now);
            Publish();
        }
    }

    /// <summary>Moves the analysis clock on (see <see cref="PacketPipeline.AdvanceTo"/>).</summary>
    public void AdvanceTo(Wire.Timestamp now)
    {
        _pipeline.AdvanceTo(now);
        _now = now;
    }

    /// <summary>Makes and publishes a snapshot now (call from the analysis thread, or after the capture stopped).</summary>
    public LiveSnapshot Publish()
    {
        _lastPublished = _clock.Elapsed;
        TrackerStatistics t = _pipeline.Tracker;
        var snapshot = new LiveSnapshot(
            _lastPublished, _statistics(), _pipeline.Counts.Tcp, t.Streams, t.OpenConnections, _closed, _requests,
            _synRetransmits, _retransmissions, _resets, _clientFirst, _serverFirst);
        Volatile.Write(ref _latest, snapshot);
        _watcher?.OnPublished(snapshot, _now);
        Published?.Invoke(snapshot);
        return snapshot;
    }

    void IConnectionSink.OnConnection(ConnectionRecord record)
    {
        _watcher?.OnConnection(record);
        _closed++;
        _requests += record.HttpRequests ?? 0;
        _synRetransmits += record.SynRetransmits;
        _retransmissions += record.Retransmissions;
        switch (record.CloseKind)
        {
            case CloseKind.ClientRst or CloseKind.ServerRst:
                _resets++;
                break;
            case CloseKind.ClientFin:
                _clientFirst++;
                break;
            case CloseKind.ServerFin:
                _serverFirst++;
                break;
        }
    }
}
