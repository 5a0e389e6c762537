using PacketDotNet;
using WireLens.Analysis.Connections;
using WireLens.Capture.Files;
using WireLens.Cli.Pipeline;
using WireLens.UnitTests.Capture;
using WireLens.UnitTests.Wire;

namespace WireLens.UnitTests.Cli;

/// <summary>
/// The offline runner reads and decodes on the calling thread and analyses on a second one (SegmentHandoff); the
/// released connections go to the sinks through RecordRelay, from the calling thread or from the analysis thread while
/// it has nothing to analyse: the records must be those of the one-thread pipeline, in the same order, handed to the
/// sinks one at a time, whatever the number of batches and whichever thread delivers them.
/// </summary>
public sealed class CaptureAnalysisRunnerThreadingTests
{
    private const int Connections = 2_000;

    [Fact]
    public void Run_MoreSegmentsThanTheBatchesHold_SameRecordsInTheSameOrderAsOneThread()
    {
        // Arrange: 2,000 short HTTP connections of 5 segments each, 10,000 segments: about ten batches, so the reader
        // waits for batches to come back and reuses them; every connection's request has its own User-Agent, so a
        // payload byte copied to the wrong place shows.
        byte[] file = ShortConnections(Connections);
        Assert.True(Connections * 5 > SegmentBatch.Capacity * SegmentHandoff.Batches, "the capture must outlast the batches in circulation");
        var threaded = new Recording();
        var inline = new Recording();

        // Act
        using (CaptureFileReader reader = CaptureReading.Open(file))
        {
            CaptureAnalysisRunner.Run(reader, new CaptureAnalysisOptions(), threaded);
        }

        OneThread(file, new PacketPipeline(new CaptureAnalysisOptions(), inline));

        // Assert
        Assert.Equal(Connections, inline.Rows.Count);
        Assert.Equal(inline.Rows, threaded.Rows);

        // Each connection's own User-Agent, though its HTTP parsers went back to the tracker at its RST and served
        // the connections opened while it waited 2 s for late packets, before its record was made.
        Assert.All(threaded.Rows, r => Assert.Equal($"UA-{r.ClientPort - 20_000}", r.UserAgent));
        Assert.Equal(1, threaded.MostAtOnce);
        Assert.Equal([Environment.CurrentManagedThreadId], inline.Threads);
    }

    [Fact]
    public void Run_ReadingSlowerThanTheAnalysis_TheAnalysisThreadDeliversWhileIdle_SameRecordsInTheSameOrder()
    {
        // Arrange: the file trickles in (4 KiB a read, 1 ms apart), so the analysis thread finishes each segment batch
        // long before the next one comes and has released connections' records to deliver meanwhile.
        byte[] file = ShortConnections(Connections);
        var threaded = new Recording();
        var inline = new Recording();

        // Act
        using (CaptureFileReader reader = CaptureReading.Open(new TrickleStream(file, 4_096, TimeSpan.FromMilliseconds(1))))
        {
            CaptureAnalysisRunner.Run(reader, new CaptureAnalysisOptions(), threaded);
        }

        OneThread(file, new PacketPipeline(new CaptureAnalysisOptions(), inline));

        // Assert: the analysis thread delivered some, one call at a time, and the records are the same, in order.
        Assert.Contains("wirelens-analysis", threaded.ThreadNames);
        Assert.Equal(1, threaded.MostAtOnce);
        Assert.Equal(Connections, inline.Rows.Count);
        Assert.Equal(inline.Rows, threaded.Rows);
    }

    [Fact]
    public void Handoff_NoBatchWaiting_RunsWhileIdleOnTheAnalysisThreadAsLongAsItFindsWork()
    {
        // Arrange: an idle task that finds work three times, then none.
        int calls = 0;
        string? thread = null;
        var pipeline = new PacketPipeline(new CaptureAnalysisOptions(), new Recording());

        // Act: no segment comes, so the analysis thread runs it until it finds nothing, then waits.
        using (var handoff = new SegmentHandoff(pipeline, null, () =>
        {
            thread = Thread.CurrentThread.Name;
            return Interlocked.Increment(ref calls) <= 3;
        }))
        {
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref calls) >= 4, TimeSpan.FromSeconds(10)), $"{calls} calls");
            Thread.Sleep(50);
            handoff.Complete(null, null);
        }

        // Assert: four calls (the fourth found nothing), none while it waited or after; on the analysis thread.
        Assert.Equal(4, calls);
        Assert.Equal("wirelens-analysis", thread);
    }

    [Fact]
    public void Relay_BothThreadsDeliver_SameRecordsInTheSameOrder_OneCallAtATime()
    {
        // Arrange: a second thread runs the pipeline into the relay, as the analysis thread does, delivering with
        // DeliverOne; this thread delivers with Deliver. Connections are released from the 1,000th on (2 s after their
        // RST), 256 to a batch: they take turns, the second thread delivering the first batch (by the 1,300th
        // connection) and this one the second (by the 1,600th), then race for the rest.
        byte[] file = ShortConnections(Connections);
        var relayed = new Recording();
        var direct = new Recording();
        var relay = new RecordRelay(relayed);
        var viaRelay = new PacketPipeline(new CaptureAnalysisOptions(), relay);
        var atOnce = new PacketPipeline(new CaptureAnalysisOptions(), direct);
        using var firstTurn = new ManualResetEventSlim();
        using var secondTurn = new ManualResetEventSlim();
        using var delivered = new ManualResetEventSlim();
        bool done = false;
        bool deliveredFirst = false;
        OneThread(file, atOnce);

        // Act
        var analysis = new Thread(() =>
        {
            using CaptureFileReader reader = CaptureReading.Open(file);
            long n = 0;
            while (reader.ReadNext(out CaptureRecord record) == CaptureReadStatus.Packet)
            {
                viaRelay.Process(in record);
                if (++n == 1_300 * 5)
                {
                    deliveredFirst = relay.DeliverOne();
                    firstTurn.Set();
                }
                else if (n == 1_600 * 5)
                {
                    secondTurn.Set();
                    delivered.Wait();
                }
                else if (n > 1_600 * 5 && n % 500 == 0)
                {
                    relay.DeliverOne();
                }
            }

            viaRelay.Flush();
            Volatile.Write(ref done, true);
        })
        { Name = "relay-test-analysis" };
        analysis.Start();
        Assert.True(firstTurn.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(secondTurn.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        relay.Deliver();
        delivered.Set();
        while (!Volatile.Read(ref done))
        {
            relay.Deliver();
            Thread.Sleep(1);
        }

        analysis.Join();
        relay.DeliverAll();

        // Assert
        Assert.True(deliveredFirst);
        Assert.Contains("relay-test-analysis", relayed.ThreadNames);
        Assert.Contains(Environment.CurrentManagedThreadId, relayed.Threads);
        Assert.Equal(1, relayed.MostAtOnce);
        Assert.Equal(Connections, direct.Rows.Count);
        Assert.Equal(direct.Rows, relayed.Rows);
    }

    [Fact]
    public void Relay_SinkFailsWhileTheAnalysisThreadDelivers_TheReadingThreadGetsTheFailure()
    {
        // Arrange: the sink fails on the 300th record; a second thread runs the pipeline into the relay and delivers
        // with DeliverOne after every segment, as the analysis thread does while idle.
        byte[] file = ShortConnections(Connections);
        var sink = new Recording(failAt: 300);
        var relay = new RecordRelay(sink);
        var pipeline = new PacketPipeline(new CaptureAnalysisOptions(), relay);
        int deliveredAfterTheFailure = 0;

        // Act
        var analysis = new Thread(() =>
        {
            using CaptureFileReader reader = CaptureReading.Open(file);
            while (reader.ReadNext(out CaptureRecord record) == CaptureReadStatus.Packet)
            {
                pipeline.Process(in record);
                if (relay.DeliverOne() && sink.Rows.Count >= 300)
                {
                    deliveredAfterTheFailure++;
                }
            }
        });
        analysis.Start();
        analysis.Join();

        // Assert: the analysis thread went on without delivering more; the reading thread gets the sink's exception
        // at its next delivery, after exactly the records before it (the sink would take the next ones).
        Assert.Equal(0, deliveredAfterTheFailure);
        Assert.Equal(300, sink.Rows.Count);
        var thrown = Assert.Throws<IOException>(relay.Deliver);
        Assert.Equal("disk full", thrown.Message);
        Assert.Throws<IOException>(relay.DeliverAll);
        Assert.Equal(300, sink.Rows.Count);
    }

    [Fact]
    public void Run_ClientPortsReusedWhileTheOldConnectionsLinger_SameRecordsInTheSameOrderAsOneThread()
    {
        // Arrange: 2,000 connections over 300 client ports, a new one every 2 ms: each port comes back 600 ms later,
        // while the connection before on it lingers (2 s after its RST), so most SYNs replace a connection still held,
        // the case the analysis thread reads ahead for before each batch (ConnectionTracker.ReadAhead).
        byte[] file = ShortConnections(Connections, ports: 300);
        var threaded = new Recording();
        var inline = new Recording();
        var pipeline = new PacketPipeline(new CaptureAnalysisOptions(), inline);

        // Act
        using (CaptureFileReader reader = CaptureReading.Open(file))
        {
            CaptureAnalysisRunner.Run(reader, new CaptureAnalysisOptions(), threaded);
        }

        OneThread(file, pipeline);

        // Assert: the capture reuses ports under lingering connections, then both ways agree.
        Assert.Equal(Connections - 300, pipeline.Tracker.ReleasedReplaced);
        Assert.Equal(Connections, inline.Rows.Count);
        Assert.Equal(inline.Rows, threaded.Rows);
        Assert.All(threaded.Rows, r => Assert.Equal($"UA-{r.Stream}", r.UserAgent));
    }

    [Fact]
    public void Relay_RecordsMadePartlyOnReleasePartlyOnDelivery_SameRecordsInTheSameOrderAsMadeAtOnce()
    {
        // Arrange: the releasing side has slack for 300 segments, then not for 700, and so on, so both ways of making a
        // record alternate within the relay's batches.
        byte[] file = ShortConnections(Connections);
        var relayed = new Recording();
        var direct = new Recording();
        var relay = new RecordRelay(relayed);
        var viaRelay = new PacketPipeline(new CaptureAnalysisOptions(), relay);
        var atOnce = new PacketPipeline(new CaptureAnalysisOptions(), direct);

        // Act
        using (CaptureFileReader reader = CaptureReading.Open(file))
        {
            long n = 0;
            while (reader.ReadNext(out CaptureRecord record) == CaptureReadStatus.Packet)
            {
                relay.AnalysisHasSlack = n++ % 1_000 < 300;
                viaRelay.Process(in record);
                atOnce.Process(in record);
                if (n % 777 == 0)
                {
                    relay.Deliver();
                }
            }

            viaRelay.Flush();
            atOnce.Flush();
            relay.DeliverAll();
        }

        // Assert: both ways were taken, and the records are the same, in the same order.
        Assert.InRange(relay.RecordsMadeOnRelease, 100, Connections - 100);
        Assert.Equal(Connections, direct.Rows.Count);
        Assert.Equal(direct.Rows, relayed.Rows);
    }

    [Fact]
    public void Run_SinkThrows_ReachesTheCallerWithoutHanging()
    {
        // Arrange: the sink fails on the 100th connection, released during the run with batches still to come.
        byte[] file = ShortConnections(Connections);
        var sink = new Recording(failAt: 100);
        using CaptureFileReader reader = CaptureReading.Open(file);

        // Act
        var thrown = Assert.Throws<IOException>(() => CaptureAnalysisRunner.Run(reader, new CaptureAnalysisOptions(), sink));

        // Assert: the sink's own exception, after exactly the records before it.
        Assert.Equal("disk full", thrown.Message);
        Assert.Equal(100, sink.Rows.Count);
    }

    [Fact]
    public void Run_SinkThrowsOnTheRecordsOfTheConnectionsStillHeldAtTheEnd_ReachesTheCallerWithoutHanging()
    {
        // Arrange: the last connections are released at the end of the capture, on the analysis thread, while this
        // thread hands their records to the sinks; the sink fails on one of them.
        byte[] file = ShortConnections(Connections);
        var sink = new Recording(failAt: Connections - 10);
        using CaptureFileReader reader = CaptureReading.Open(file);

        // Act
        var thrown = Assert.Throws<IOException>(() => CaptureAnalysisRunner.Run(reader, new CaptureAnalysisOptions(), sink));

        // Assert
        Assert.Equal("disk full", thrown.Message);
        Assert.Equal(Connections - 10, sink.Rows.Count);
    }

    /// <summary>The one-thread pipeline over <paramref name="file"/>: every packet in turn, then the flush.</summary>
    private static void OneThread(byte[] file, PacketPipeline pipeline)
    {
        using CaptureFileReader reader = CaptureReading.Open(file);
        while (reader.ReadNext(out CaptureRecord record) == CaptureReadStatus.Packet)
        {
            pipeline.Process(in record);
        }

        pipeline.Flush();
    }

    /// <summary>
    /// Each connection: SYN, SYN/ACK, ACK, a GET with its own User-Agent, RST; client port 20000 + i (modulo
    /// <paramref name="ports"/>), one every 2 ms, so the first ones are released (2 s after their RST) while the
    /// capture is read, the last ones at its end.
    /// </summary>
    private static byte[] ShortConnections(int count, int ports = int.MaxValue)
    {
        var pcap = new PcapBuilder();
        for (int i = 0; i < count; i++)
        {
            ushort port = (ushort)(20_000 + (i % ports));
            uint clientIsn = (uint)(1_000 + (i * 7919));
            const uint ServerIsn = 500_000;
            byte[] request = System.Text.Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: UA-{i}\r\n\r\n");
            uint seconds = 1 + (uint)(i / 500);
            uint t = (uint)(i % 500 * 2_000);
            pcap.Record(seconds, t + 0, Frame(port, toServer: true, 0x002, [], clientIsn, 0));
            pcap.Record(seconds, t + 10, Frame(port, toServer: false, 0x012, [], ServerIsn, clientIsn + 1));
            pcap.Record(seconds, t + 20, Frame(port, toServer: true, 0x010, [], clientIsn + 1, ServerIsn + 1));
            pcap.Record(seconds, t + 30, Frame(port, toServer: true, 0x018, request, clientIsn + 1, ServerIsn + 1));
            pcap.Record(seconds, t + 40, Frame(port, toServer: true, 0x004, [], clientIsn + 1 + (uint)request.Length, 0));
        }

        return pcap.ToArray();
    }

    private static byte[] Frame(ushort clientPort, bool toServer, ushort flags, byte[] payload, uint sequence, uint acknowledgment)
    {
        TcpPacket tcp = TestPackets.Tcp(flags, [], payload, sequence, acknowledgment);
        tcp.SourcePort = toServer ? clientPort : (ushort)8080;
        tcp.DestinationPort = toServer ? (ushort)8080 : clientPort;
        IPv4Packet ip = TestPackets.Ipv4(tcp);
        if (!toServer)
        {
            (ip.SourceAddress, ip.DestinationAddress) = (ip.DestinationAddress, ip.SourceAddress);
        }

        return TestPackets.Ethernet(ip);
    }

    private sealed record Row(
        long Stream, ushort ClientPort, string History, ZeekConnState ConnState, CloseKind Close, int? Requests, string? UserAgent,
        long FirstTime, long LastTime, long ClientBytes, long ServerBytes, double? InitialRttMs);

    /// <summary>Records what the sinks see; with <paramref name="failAt"/>, throws once, on that record (later ones are taken).</summary>
    private sealed class Recording(int failAt = -1) : IConnectionSink
    {
        private int _inCall;
        private bool _failed;

        public List<Row> Rows { get; } = [];

        public HashSet<int> Threads { get; } = [];

        public HashSet<string?> ThreadNames { get; } = [];

        /// <summary>The most calls in progress at once (on any threads): 1 when they never overlapped.</summary>
        public int MostAtOnce { get; private set; }

        public void OnConnection(ConnectionRecord r)
        {
            int inCall = Interlocked.Increment(ref _inCall);
            try
            {
                MostAtOnce = Math.Max(MostAtOnce, inCall);
                Thread.SpinWait(20); // a call that overlapped another would show here
                if (Rows.Count == failAt && !_failed)
                {
                    _failed = true;
                    throw new IOException("disk full");
                }

                Threads.Add(Environment.CurrentManagedThreadId);
                ThreadNames.Add(Thread.CurrentThread.Name);
                Rows.Add(new Row(
                    r.Stream, r.ClientPort, r.History, r.ConnState, r.CloseKind, r.HttpRequests, r.UserAgent,
                    r.FirstTime.UnixNanoseconds, r.LastTime.UnixNanoseconds, r.ClientBytes, r.ServerBytes, r.InitialRttMs));
            }
            finally
            {
                Interlocked.Decrement(ref _inCall);
            }
        }
    }

    /// <summary>A stream over <paramref name="bytes"/> that returns at most <paramref name="chunk"/> bytes a read, each after <paramref name="delay"/>.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk, TimeSpan delay) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            Thread.Sleep(delay);
            return base.Read(buffer, offset, Math.Min(count, chunk));
        }

        public override int Read(Span<byte> buffer)
        {
            Thread.Sleep(delay);
            return base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
        }
    }
}
