using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using WireLens.Analysis.Connections;

namespace WireLens.Cli.Pipeline;

/// <summary>
/// Runs slow consumers (the CSV and JSON exporters, which format every field of every row) on a thread of their own,
/// so that on a two-core machine exporting overlaps the analysis instead of adding to it. Records are immutable and
/// travel in batches through a bounded queue: memory stays bounded whatever the number of connections, and the
/// analysis waits when the exporter falls behind. An exception on the export thread is rethrown by
/// <see cref="Complete"/>; after one, the remaining records are dropped.
/// </summary>
public sealed class BackgroundSink : IConnectionSink, IDisposable
{
    /// <summary>Records per hand-over: large enough that the queue costs little per record.</summary>
    public const int BatchSize = 512;

    /// <summary>Batches that may wait: 16 × 512 records, a few MB, enough to ride out the exporter's hiccups.</summary>
    public const int MaxQueuedBatches = 16;

    private readonly IConnectionSink _inner;
    private readonly BlockingCollection<ConnectionRecord[]> _queue = new(MaxQueuedBatches);
    private readonly Thread _thread;
    private ConnectionRecord[] _batch = new ConnectionRecord[BatchSize];
    private int _count;
    private ExceptionDispatchInfo? _failure;
    private bool _completed;

    public BackgroundSink(IConnectionSink inner, string name = "wirelens-export")
    {
        _inner = inner;
        _thread = new Thread(Drain) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public void OnConnection(ConnectionRecord record)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _batch[_count++] = record;
        if (_count == BatchSize)
        {
            HandOver();
        }
    }

    /// <summary>Hands over what is left, waits until the export thread has consumed everything, and rethrows its failure.</summary>
    public void Complete()
    {
        if (!_completed)
        {
            _completed = true;
            HandOver();
            _queue.CompleteAdding();
            _thread.Join();
        }

        _failure?.Throw();
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _completed = true;
            _queue.CompleteAdding();
            _thread.Join();
        }

        _queue.Dispose();
    }

    private void HandOver()
    {
        if (_count == 0)
        {
            return;
        }

        ConnectionRecord[] full = _count == BatchSize ? _batch : _batch[.._count];
        _queue.Add(full);
        _batch = new ConnectionRecord[BatchSize];
        _count = 0;
    }

    private void Drain()
    {
        foreach (ConnectionRecord[] batch in _queue.GetConsumingEnumerable())
        {
            if (_failure is not null)
            {
                continue; // keep taking, so the analysis never blocks on a queue nobody empties
            }

            try
            {
                foreach (ConnectionRecord record in batch)
                {
                    _inner.OnConnection(record);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
        }
    }
}
