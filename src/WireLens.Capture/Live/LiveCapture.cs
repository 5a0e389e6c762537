using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using SharpPcap;
using SharpPcap.LibPcap;
using WireLens.Capture.Files;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.Capture.Live;

/// <summary>
/// A live capture over libpcap (SharpPcap): a capture thread copies each packet out of the kernel ring, appends it to
/// the capture file at once (flushed every <see cref="LiveCaptureOptions.FlushInterval"/>) and hands it, in batches
/// through a bounded queue, to an analysis thread that feeds an <see cref="ILivePacketConsumer"/>. The file never
/// waits for the analysis: when the analysis falls behind, packets are dropped from it only, and counted.
/// </summary>
public sealed class LiveCapture : IDisposable
{
    private const int ReadTimeoutMilliseconds = 100;
    private const long HandOffMilliseconds = 20;
    private const long StatisticsMilliseconds = 250;
    private const int HousekeepingMilliseconds = 50;
    private static readonly TimeSpan s_drainLimit = TimeSpan.FromSeconds(1);

    private readonly LibPcapLiveDevice _device;
    private readonly LiveCaptureOptions _options;
    private readonly FileStream _file;
    private readonly CaptureFileWriter _writer;
    private readonly bool _nanosecond;
    private readonly BlockingCollection<PacketBatch> _queue;
    private readonly ConcurrentQueue<PacketBatch> _free = new();
    private readonly int _maxBatches;
    private int _allocated;
    private ILivePacketConsumer? _consumer;
    private Task? _captureTask;
    private Task? _analysisTask;
    private volatile bool _stopRequested;
    private long _received;
    private long _droppedByKernel;
    private long _droppedByInterface;
    private long _written;
    private long _droppedByQueue;
    private long _analysed;
    private bool _disposed;
    private readonly Lock _gate = new();
    private PacketBatch _batch = null!;
    private Timer? _housekeeping;
    private bool _dirty;
    private bool _captureDone;
    private long _lastFlush;
    private long _lastHandOff;
    private long _lastStatistics;

    private LiveCapture(LibPcapLiveDevice device, LiveCaptureOptions options, FileStream file)
    {
        _device = device;
        _options = options;
        _file = file;
        _nanosecond = device.TimestampResolution == TimestampResolution.Nanosecond;
        LinkType = (LinkType)(ushort)(int)device.LinkType;
        _writer = CaptureFileWriter.Create(file, LinkType, _nanosecond, options.SnapLength);
        _writer.Flush();
        _maxBatches = Math.Max(3, options.QueueMegabytes * (1 << 20) / PacketBatch.BufferBytes);
        _queue = new BlockingCollection<PacketBatch>(_maxBatches - 2);
    }

    /// <summary>The capture's link type (Ethernet on Linux loopback, SLL2 on <c>any</c>).</summary>
    public LinkType LinkType { get; }

    /// <summary>The device's name.</summary>
    public string Interface => _device.Name;

    /// <summary>Whether timestamps have nanosecond resolution (else microseconds).</summary>
    public bool NanosecondTimestamps => _nanosecond;

    /// <summary>Counters so far (exact after <see cref="Stop"/>).</summary>
    public LiveCaptureStatistics Statistics => new(
        Volatile.Read(ref _received),
        Volatile.Read(ref _droppedByKernel),
        Volatile.Read(ref _droppedByInterface),
        Volatile.Read(ref _written),
        Volatile.Read(ref _droppedByQueue),
        Volatile.Read(ref _analysed));

    /// <summary>
    /// Opens the device, applies the filter and creates the capture file; on failure <paramref name="error"/> is one
    /// line saying what to do.
    /// </summary>
    public static LiveCaptureOpenStatus TryOpen(LiveCaptureOptions options, out LiveCapture? capture, out string error)
    {
        ArgumentNullException.ThrowIfNull(options);
        capture = null;
        LiveCaptureOpenStatus status = CaptureDevices.TryFind(options.Interface, out LibPcapLiveDevice? device, out error);
        if (status != LiveCaptureOpenStatus.Opened)
        {
            return status;
        }

        var configuration = new DeviceConfiguration
        {
            Mode = DeviceModes.None,
            Snaplen = options.SnapLength,
            ReadTimeout = ReadTimeoutMilliseconds,
            BufferSize = checked(options.BufferMegabytes * (1 << 20)),
            Immediate = options.Immediate,
            TimestampResolution = TimestampResolution.Nanosecond,
        };

        // A property the platform cannot set (nanosecond timestamps on an old kernel) is reported through this event,
        // not thrown; the capture goes on with what it has.
        configuration.ConfigurationFailed += (_, _) => { };
        try
        {
            device!.Open(configuration);
        }
        catch (PcapException e)
        {
            return Fail(device!, e, options.Interface, out error);
        }

        if (!string.IsNullOrWhiteSpace(options.Filter))
        {
            try
            {
                device.Filter = options.Filter;
            }
            catch (PcapException e)
            {
                device.Close();
                error = PcapMessages.InvalidFilter(options.Filter, e.Message);
                return LiveCaptureOpenStatus.BadFilter;
            }
        }

        FileStream file;
        try
        {
            file = new FileStream(options.OutputFile, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1);
        }
        catch (IOException e)
        {
            device.Close();
            error = $"cannot create the capture file {options.OutputFile}: {e.Message}";
            return LiveCaptureOpenStatus.CannotWrite;
        }
        catch (UnauthorizedAccessException e)
        {
            device.Close();
            error = $"cannot create the capture file {options.OutputFile}: {e.Message}";
            return LiveCaptureOpenStatus.CannotWrite;
        }

        capture = new LiveCapture(device, options, file);
        return LiveCaptureOpenStatus.Opened;
    }

    /// <summary>Starts the capture and analysis threads; <paramref name="consumer"/> receives every packet the queue kept.</summary>
    public void Start(ILivePacketConsumer consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_captureTask is not null)
        {
            throw new InvalidOperationException("the capture was already started");
        }

        _consumer = consumer;
        _analysisTask = Task.Factory.StartNew(AnalysisLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _batch = RentBatch()!;
        _captureTask = Task.Factory.StartNew(CaptureLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _housekeeping = new Timer(Housekeeping, null, HousekeepingMilliseconds, HousekeepingMilliseconds);
    }

    /// <summary>
    /// Stops capturing: reads what the kernel still holds (up to a second), writes the final statistics, flushes the
    /// file and waits for the analysis to finish every packet handed to it. Safe to call more than once.
    /// </summary>
    public void Stop()
    {
        if (_captureTask is null)
        {
            return;
        }

        if (!_stopRequested)
        {
            _stopRequested = true;

            // Wakes the capture thread out of poll() (libpcap ≥ 1.10 signals an eventfd); the thread then drains the
            // ring without blocking.
            NativeMethods.pcap_breakloop(_device.Handle.DangerousGetHandle());
        }

        _captureTask.GetAwaiter().GetResult();
        _housekeeping?.Dispose();
        _analysisTask?.GetAwaiter().GetResult();
    }

    // libpcap's pcap_next_ex blocks in poll() while no packet arrives (TPACKET_V3 ignores the read timeout when idle),
    // so the capture thread may sleep for long: a timer flushes the file, hands the partial batch to the analysis and
    // reads the statistics meanwhile, under the lock the capture thread holds while it handles a packet.
    private void Housekeeping(object? state)
    {
        lock (_gate)
        {
            if (_stopRequested && _captureDone)
            {
                return;
            }

            long now = Environment.TickCount64;
            if (_dirty && now - _lastFlush >= _options.FlushInterval.TotalMilliseconds)
            {
                _writer.Flush();
                _dirty = false;
                _lastFlush = now;
            }

            if (_batch.Count > 0 && now - _lastHandOff >= HandOffMilliseconds)
            {
                _batch = HandOff(_batch);
                _lastHandOff = now;
            }

            if (now - _lastStatistics >= StatisticsMilliseconds)
            {
                ReadStatistics();
                _lastStatistics = now;
            }
        }
    }

    private void CaptureLoop()
    {
        if (_options.StallCaptureFor > TimeSpan.Zero)
        {
            Thread.Sleep(_options.StallCaptureFor);
        }

        long number = 0;
        bool draining = false;
        var drain = new Stopwatch();
        IntPtr header = IntPtr.Zero;
        IntPtr data = IntPtr.Zero;
        try
        {
            while (true)
            {
                int rc = _device.GetNextPacketPointers(ref header, ref data);
                if (rc == 1)
                {
                    number++;
                    long seconds = Marshal.ReadInt64(header, 0);
                    long fraction = Marshal.ReadInt64(header, 8);
                    int length = Marshal.ReadInt32(header, 16);
                    uint original = (uint)Marshal.ReadInt32(header, 20);
                    var time = new Timestamp(checked((seconds * 1_000_000_000) + (_nanosecond ? fraction : fraction * 1000)));
                    lock (_gate)
                    {
                        if (!_batch.HasRoomFor(length))
                        {
                            _batch = HandOff(_batch);
                            _lastHandOff = Environment.TickCount64;
                        }

                        int offset = _batch.Add(number, time, length, original);
                        Marshal.Copy(data, _batch.Buffer, offset, length);
                        _writer.Write(time, _batch.Buffer.AsSpan(offset, length), original);
                        _dirty = true;
                        Volatile.Write(ref _written, number);
                    }
                }
                else if (rc == 0)
                {
                    // A read timeout, or (draining, non-blocking) the ring is empty.
                    if (draining)
                    {
                        break;
                    }
                }
                else if (rc == -2 && _stopRequested && !draining)
                {
                    // pcap_breakloop: read what the ring still holds without waiting for more.
                    _device.NonBlockingMode = true;
                    draining = true;
                    drain.Start();
                }
                else
                {
                    // -1: an error (the interface went away); -2 again while draining. The capture is over.
                    break;
                }

                if (draining && drain.Elapsed > s_drainLimit)
                {
                    break;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                if (_batch.Count > 0)
                {
                    _batch = HandOff(_batch);
                }

                ReadStatistics();
                _captureDone = true;
                _queue.CompleteAdding();
                _writer.Flush();
                _file.Flush(flushToDisk: false);
            }
        }
    }

    // pcap_stats itself: SharpPcap 6.3.1's Statistics reports ps_drop as 0 on Linux even when libpcap counts drops
    // (seen: 43,386 dropped by pcap_stats, 0 by SharpPcap, on the same handle).
    private void ReadStatistics()
    {
        Span<uint> stats = stackalloc uint[4];
        if (NativeMethods.pcap_stats(_device.Handle.DangerousGetHandle(), ref MemoryMarshal.GetReference(stats)) != 0)
        {
            return;
        }

        // The counters are 32-bit and wrap; a long capture keeps counting past the wrap.
        Volatile.Write(ref _received, Unwrap(Volatile.Read(ref _received), stats[0]));
        Volatile.Write(ref _droppedByKernel, Unwrap(Volatile.Read(ref _droppedByKernel), stats[1]));
        Volatile.Write(ref _droppedByInterface, Unwrap(Volatile.Read(ref _droppedByInterface), stats[2]));
    }

    /// <summary>The 64-bit count whose low 32 bits are <paramref name="low"/>, at or after <paramref name="previous"/>.</summary>
    public static long Unwrap(long previous, uint low)
    {
        long candidate = (previous & ~0xFFFF_FFFFL) | low;
        return candidate < previous ? candidate + (1L << 32) : candidate;
    }

    /// <summary>Queues <paramref name="batch"/> for the analysis and returns an empty one; when the queue is full, counts the batch's packets as dropped and returns it emptied.</summary>
    private PacketBatch HandOff(PacketBatch batch)
    {
        if (_queue.TryAdd(batch))
        {
            // The queue holds at most _maxBatches - 2 and the analysis one more, so a free or new batch exists.
            return RentBatch() ?? throw new InvalidOperationException("packet batch pool exhausted");
        }

        Interlocked.Add(ref _droppedByQueue, batch.Count);
        batch.Clear();
        return batch;
    }

    private PacketBatch? RentBatch()
    {
        if (_free.TryDequeue(out PacketBatch? batch))
        {
            return batch;
        }

        if (Interlocked.Increment(ref _allocated) <= _maxBatches)
        {
            return new PacketBatch();
        }

        Interlocked.Decrement(ref _allocated);
        return null;
    }

    private void AnalysisLoop()
    {
        if (_options.StallAnalysisFor > TimeSpan.Zero)
        {
            Thread.Sleep(_options.StallAnalysisFor);
        }

        ILivePacketConsumer consumer = _consumer!;
        while (!_queue.IsCompleted)
        {
            if (!_queue.TryTake(out PacketBatch? batch, ReadTimeoutMilliseconds * 2))
            {
                consumer.OnIdle();
                continue;
            }

            for (int i = 0; i < batch.Count; i++)
            {
                var record = new CaptureRecord(
                    batch.Numbers[i], new Timestamp(batch.Times[i]), LinkType, 0, batch.OriginalLengths[i],
                    batch.Buffer.AsSpan(batch.Offsets[i], batch.Lengths[i]), fileOffset: -1);
                consumer.OnPacket(in record);
            }

            Interlocked.Add(ref _analysed, batch.Count);
            batch.Clear();
            _free.Enqueue(batch);
            consumer.OnIdle();
        }
    }

    private static LiveCaptureOpenStatus Fail(LibPcapLiveDevice device, PcapException e, string name, out string error)
    {
        if (device.Opened)
        {
            device.Close();
        }

        string message = PcapMessages.FirstLine(e.Message);
        if (e.Error is PcapError.PermissionDenied or PcapError.PromiscuousPermissionDenied
            || message.Contains("permission", StringComparison.OrdinalIgnoreCase)
            || message.Contains("not permitted", StringComparison.OrdinalIgnoreCase))
        {
            error = CaptureDevices.NotPermittedMessage(name);
            return LiveCaptureOpenStatus.NotPermitted;
        }

        if (e.Error == PcapError.NoSuchDevice)
        {
            error = CaptureDevices.NoSuchInterfaceMessage(name);
            return LiveCaptureOpenStatus.NoSuchInterface;
        }

        error = $"cannot capture on {name}: {message}";
        return LiveCaptureOpenStatus.Failed;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Stop();
        _housekeeping?.Dispose();

        _writer.Dispose();
        _file.Dispose();
        if (_device.Opened)
        {
            _device.Close();
        }

        _queue.Dispose();
    }

    private static class NativeMethods
    {
        [DllImport("libpcap.so.0.8", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern void pcap_breakloop(IntPtr handle);

        // struct pcap_stat { u_int ps_recv; u_int ps_drop; u_int ps_ifdrop; } (Linux has no ps_capt).
        [DllImport("libpcap.so.0.8", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int pcap_stats(IntPtr handle, ref uint stats);
    }
}
