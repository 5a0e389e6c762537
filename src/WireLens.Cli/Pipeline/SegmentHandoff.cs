using WireLens.Wire;

namespace WireLens.Cli.Pipeline;

/// <summary>
/// Splits the offline analysis over two threads: the caller reads and decodes (<see cref="PacketPipeline.Admit"/>)
/// and adds each TCP segment here; a thread of its own runs the connection tracker
/// (<see cref="PacketPipeline.Analyze"/>). Segments keep their capture order: one queue, one consumer. A fixed set of
/// <see cref="SegmentBatch"/>es circulates between the two threads, so memory is bounded whatever the capture's size
/// and the reader waits when the analysis falls behind. The tracker reports bad input through its counters and calls
/// no sink itself here (<see cref="RecordRelay"/>), so nothing on this thread fails but a bug.
/// <para>
/// Before each batch the analysis thread is told whether another one already waits behind it (<c>behind</c>): when
/// none does, it has time to spare, and the relay has it make released connections' records itself. While no batch
/// waits at all, it runs <c>whileIdle</c> (the relay's delivery to the sinks) for as long as that finds work. (The
/// caller doing the same while it waits for a free batch was 1.03x slower on a churn capture: it then left the
/// analysis thread without segments.)
/// </para>
/// </summary>
public sealed class SegmentHandoff : IDisposable
{
    /// <summary>Batches in circulation: one being filled, one being analysed, the rest waiting in between.</summary>
    public const int Batches = 6;

    private readonly PacketPipeline _pipeline;
    private readonly HandoffQueue<SegmentBatch> _full = new(Batches);
    private readonly HandoffQueue<SegmentBatch> _free = new(Batches);
    private readonly Thread _thread;
    private readonly Action<bool>? _beforeBatch;
    private readonly Func<bool> _whileIdle;
    private SegmentBatch _current = new();
    private bool _completed;
    private Action? _finish;

    /// <param name="pipeline">Its tracker runs on the analysis thread.</param>
    /// <param name="beforeBatch">Called on the analysis thread before each batch: true when another batch waits behind it.</param>
    /// <param name="whileIdle">
    /// Called on the analysis thread while no batch waits for it, again as long as it returns true (it did some work).
    /// </param>
    public SegmentHandoff(PacketPipeline pipeline, Action<bool>? beforeBatch = null, Func<bool>? whileIdle = null)
    {
        _pipeline = pipeline;
        _beforeBatch = beforeBatch;
        _whileIdle = whileIdle ?? (static () => false);
        for (int i = 1; i < Batches; i++)
        {
            _free.Add(new SegmentBatch());
        }

        _thread = new Thread(Drain) { IsBackground = true, Name = "wirelens-analysis" };
        _thread.Start();
    }

    public void Add(in TcpPacketView p, Timestamp time, long frame)
    {
        if (_current.TryAdd(in p, time, frame))
        {
            return;
        }

        HandOver();
        _current.TryAdd(in p, time, frame); // an empty batch takes any segment
    }

    /// <summary>
    /// Hands over what is left; the analysis thread then runs <paramref name="finish"/> after the last segment, while
    /// this thread runs <paramref name="whileFinishing"/> every millisecond or so until it is done.
    /// </summary>
    public void Complete(Action? finish, Action? whileFinishing)
    {
        if (!_completed)
        {
            if (_current.Count > 0)
            {
                HandOver();
            }

            _finish = finish; // seen by the analysis thread: set before the queue's lock is taken to complete it
            Stop(whileFinishing);
        }
    }

    public void Dispose()
    {
        if (!_completed)
        {
            Stop(null);
        }
    }

    private void Stop(Action? whileWaiting)
    {
        _completed = true;
        _full.CompleteAdding();
        try
        {
            while (!_thread.Join(1))
            {
                whileWaiting?.Invoke();
            }
        }
        finally
        {
            _thread.Join(); // whileWaiting threw: the analysis thread still finishes before the caller goes on
        }
    }

    private void HandOver()
    {
        _full.Add(_current);
        _free.TryTake(out _current); // never completed: a batch always comes back
    }

    private void Drain()
    {
        while (_full.TryTake(out SegmentBatch batch, out int waiting, _whileIdle))
        {
            _beforeBatch?.Invoke(waiting > 0);
            batch.AnalyzeAndClear(_pipeline);
            _free.Add(batch);
        }

        _finish?.Invoke();
    }
}
