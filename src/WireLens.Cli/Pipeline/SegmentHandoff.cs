using System.Runtime.ExceptionServices;
using WireLens.Wire;

namespace WireLens.Cli.Pipeline;

/// <summary>
/// Splits the offline analysis over two threads: the caller reads and decodes (<see cref="PacketPipeline.Admit"/>)
/// and adds each TCP segment here; a thread of its own runs the connection tracker and, through it, the sinks
/// (<see cref="PacketPipeline.Analyze"/>). Segments keep their capture order: one queue, one consumer. A fixed set
/// of <see cref="SegmentBatch"/>es circulates between the two threads, so memory is bounded whatever the capture's
/// size and the reader waits when the analysis falls behind. A sink's I/O failure on the analysis thread is rethrown by
/// <see cref="Complete"/> (after one, the remaining segments are dropped), as <see cref="BackgroundSink"/> does.
/// </summary>
public sealed class SegmentHandoff : IDisposable
{
    /// <summary>Batches in circulation: one being filled, one being analysed, the rest waiting in between.</summary>
    public const int Batches = 6;

    private readonly PacketPipeline _pipeline;
    private readonly HandoffQueue<SegmentBatch> _full = new(Batches);
    private readonly HandoffQueue<SegmentBatch> _free = new(Batches);
    private readonly Thread _thread;
    private SegmentBatch _current = new();
    private ExceptionDispatchInfo? _failure;
    private bool _completed;

    public SegmentHandoff(PacketPipeline pipeline)
    {
        _pipeline = pipeline;
        for (int i = 1; i < Batches; i++)
        {
            _free.Add(new SegmentBatch());
        }

        _thread = new Thread(Drain) { IsBackground = true, Name = "wirelens-analysis" };
        _thread.Start();
    }

    /// <summary>True once the analysis thread failed: reading on is wasted (<see cref="Complete"/> says why).</summary>
    public bool Failed => Volatile.Read(ref _failure) is not null;

    public void Add(in TcpPacketView p, Timestamp time, long frame)
    {
        if (_current.TryAdd(in p, time, frame))
        {
            return;
        }

        HandOver();
        _current.TryAdd(in p, time, frame); // an empty batch takes any segment
    }

    /// <summary>Hands over what is left, waits until every segment was analysed, and rethrows the analysis thread's failure.</summary>
    public void Complete()
    {
        if (!_completed)
        {
            if (_current.Count > 0)
            {
                HandOver();
            }

            Stop();
        }

        _failure?.Throw();
    }

    public void Dispose()
    {
        if (!_completed)
        {
            Stop();
        }
    }

    private void Stop()
    {
        _completed = true;
        _full.CompleteAdding();
        _thread.Join();
    }

    private void HandOver()
    {
        _full.Add(_current);
        _free.TryTake(out _current); // never completed: a batch always comes back
    }

    private void Fail(Exception e) => Volatile.Write(ref _failure, ExceptionDispatchInfo.Capture(e));

    private void Drain()
    {
        while (_full.TryTake(out SegmentBatch batch))
        {
            if (_failure is null)
            {
                try
                {
                    batch.AnalyzeAndClear(_pipeline);
                }
                catch (IOException e)
                {
                    Fail(e); // a sink's output failed (a full disk): Complete rethrows it on the caller's thread
                }
                catch (UnauthorizedAccessException e)
                {
                    Fail(e);
                }
            }

            batch.Clear();
            _free.Add(batch); // keep circulating after a failure, so the reader never waits on a queue nobody empties
        }
    }
}
