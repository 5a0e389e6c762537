using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using WireLens.Analysis.Connections;
using WireLens.Analysis.Ladder;
using WireLens.Analysis.Tcp;
using WireLens.Capture.Files;
using WireLens.Cli.Inspection;
using WireLens.Cli.Pipeline;
using WireLens.Reporting.Inspection;
using WireLens.Testing;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Inspection;

/// <summary>
/// The ladder of every connection of real and synthetic captures against tshark, frame by frame: frame numbers of
/// the tcp.stream, flags, relative seq/ack, length and the retransmission, duplicate-ACK, out-of-order and lost-segment
/// verdicts. Also the frames' bytes read back by number against a sequential read, and the labels of known payloads.
/// </summary>
public class LadderVsTsharkTests
{
    private static readonly string[] s_fields =
    [
        "tcp.stream", "frame.number", "tcp.flags", "tcp.seq", "tcp.ack", "tcp.len",
        "tcp.analysis.retransmission", "tcp.analysis.duplicate_ack", "tcp.analysis.out_of_order", "tcp.analysis.lost_segment",
    ];

    public static TheoryData<string> Captures =>
    [
        "curl-keepalive.pcap",
        "ab-no-keepalive.pcap",
        "curl-tls13-resume.pcap",
        "mixed-linktypes.pcapng",
        "ab-keepalive-gzip.pcap.gz",
        "refused.pcap",
        "h2load-h2c.pcap",
        "curl-ipv6.pcap",
    ];

    [Theory]
    [MemberData(nameof(Captures))]
    public void TryLoadLadder_EveryConnectionOfSample_AgreesWithTsharkPerFrame(string name)
    {
        string path = Path.Combine(TestPaths.Captures, name);
        AssertLaddersAgree(path, expectRetransmissions: null);
    }

    [Fact]
    public void TryLoadLadder_SyntheticLossyCapture_RetransmissionVerdictsAgreeWithTshark()
    {
        // Arrange: first make sure the capture shows what the test is for.
        string path = Path.Combine(TestPaths.NewTempDirectory(), "lossy.pcap");
        LossyCapture.Write(path);
        IReadOnlyList<string[]> rows = TShark.Fields(path, ["tcp.analysis.retransmission", "tcp.analysis.lost_segment", "tcp.analysis.duplicate_ack"]);
        Assert.True(rows.Count(r => r[0].Length > 0) >= 3, "tshark should see at least 3 retransmissions");
        Assert.Contains(rows, r => r[1].Length > 0);
        Assert.Contains(rows, r => r[2].Length > 0);

        // Act + Assert
        AssertLaddersAgree(path, expectRetransmissions: true);
    }

    [Fact]
    public void TryLoadLadder_TlsCapture_HelloKindsAndLabelsWhereTsharkSeesHellos()
    {
        // Arrange
        string path = Path.Combine(TestPaths.Captures, "curl-tls13-resume.pcap");
        (List<ConnectionRecord> records, _) = Analyse(path);
        IReadOnlyList<string[]> rows = TShark.Fields(path, ["frame.number", "tls.handshake.type"], new TsharkOptions { TlsPorts = [18483] });
        var clientHellos = rows.Where(r => r[1].Split(',').Contains("1")).Select(r => long.Parse(r[0], CultureInfo.InvariantCulture)).ToHashSet();
        var serverHellos = rows.Where(r => r[1].Split(',').Contains("2")).Select(r => long.Parse(r[0], CultureInfo.InvariantCulture)).ToHashSet();
        Assert.Equal(6, clientHellos.Count);
        using var source = new CaptureDetailSource([path]);

        // Act
        List<LadderEvent> events = [.. records.SelectMany(r => Load(source, r).Events)];

        // Assert
        Assert.Equal(clientHellos.Order(), events.Where(e => e.Kind == LadderEventKind.ClientHello).Select(e => e.Frame).Order());
        Assert.Equal(serverHellos.Order(), events.Where(e => e.Kind == LadderEventKind.ServerHello).Select(e => e.Frame).Order());
        Assert.All(events.Where(e => e.Kind == LadderEventKind.ClientHello), e => Assert.StartsWith("ClientHello sni=localhost alpn=h2,http/1.1", e.Label, StringComparison.Ordinal));
        Assert.All(events.Where(e => e.Kind == LadderEventKind.ServerHello), e => Assert.StartsWith("ServerHello TLS 1.3", e.Label, StringComparison.Ordinal));
        Assert.Equal(4, events.Count(e => e.Label == "ServerHello TLS 1.3 resumed"));
        Assert.Equal(6, events.Count(e => e.Kind == LadderEventKind.Request));
    }

    [Fact]
    public void TryLoadLadder_KeepAliveCapture_RequestAndStatusLinesLabelled()
    {
        // Arrange
        string path = Path.Combine(TestPaths.Captures, "curl-keepalive.pcap");
        (List<ConnectionRecord> records, _) = Analyse(path);
        ConnectionRecord record = Assert.Single(records);
        using var source = new CaptureDetailSource([path]);

        // Act
        ConnectionLadder ladder = Load(source, record);

        // Assert
        Assert.False(ladder.Truncated);
        Assert.Equal(
            [LadderEventKind.Syn, LadderEventKind.SynAck, LadderEventKind.HandshakeAck, LadderEventKind.Request],
            ladder.Events.Take(4).Select(e => e.Kind));
        LadderEvent[] requests = [.. ladder.Events.Where(e => e.Kind == LadderEventKind.Request)];
        Assert.Equal(record.HttpRequests, requests.Length);
        Assert.All(requests, e => Assert.Matches("^GET /[^ ]* HTTP/1.1$", e.Label));
        Assert.All(ladder.Events.Where(e => e.Kind == LadderEventKind.Response), e => Assert.StartsWith("HTTP/1.1 ", e.Label, StringComparison.Ordinal));
        Assert.Equal(requests.Length, ladder.Events.Count(e => e.Kind == LadderEventKind.Response));
        Assert.Contains(ladder.Events, e => e.Kind == LadderEventKind.Fin);
    }

    [Fact]
    public void TryReadFrame_SampleFrames_BytesEqualSequentialRead()
    {
        // Arrange
        string[] names = ["curl-keepalive.pcap", "mixed-linktypes.pcapng", "ab-keepalive-gzip.pcap.gz"];
        string[] paths = [.. names.Select(n => Path.Combine(TestPaths.Captures, n))];
        using var source = new CaptureDetailSource(paths);
        for (int capture = 0; capture < paths.Length; capture++)
        {
            List<(long Number, long Time, LinkType Link, uint Length, byte[] Data)> all = [];
            CaptureFileReader.TryOpen(paths[capture], out CaptureFileReader? reader, out _);
            using (reader)
            {
                while (reader!.ReadNext(out CaptureRecord r) == CaptureReadStatus.Packet)
                {
                    all.Add((r.Number, r.Timestamp.UnixNanoseconds, r.LinkType, r.OriginalLength, r.Data.ToArray()));
                }
            }

            // Act + Assert
            foreach (int number in new[] { 1, all.Count / 2, all.Count })
            {
                CapturedFrame? frame = source.TryReadFrame(capture, number, out string message);
                Assert.True(frame is not null, message);
                var expected = all[number - 1];
                Assert.Equal((expected.Number, expected.Time, expected.Link, expected.Length), (frame.Number, frame.Time.UnixNanoseconds, frame.LinkType, frame.OriginalLength));
                Assert.Equal(expected.Data, frame.Data);
            }

            Assert.Null(source.TryReadFrame(capture, all.Count + 1, out string beyond));
            Assert.Contains("beyond the end", beyond, StringComparison.Ordinal);
        }

        Assert.Null(source.TryReadFrame(3, 1, out string noCapture));
        Assert.Contains("no capture file 3", noCapture, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoadLadder_MissingFile_NullWithMessage()
    {
        // Arrange
        using var source = new CaptureDetailSource([Path.Combine(TestPaths.NewTempDirectory(), "gone.pcap")]);
        ConnectionSummary row = Summary(new SegmentRecordStub().Record, 0);

        // Act
        ConnectionLadder? ladder = source.TryLoadLadder(row, out string message);

        // Assert
        Assert.Null(ladder);
        Assert.Contains("No such file", message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoadLadder_MoreFramesThanTheCap_TruncatedAtMaxEvents()
    {
        // Arrange: one connection of 10,050 frames.
        string path = Path.Combine(TestPaths.NewTempDirectory(), "long.pcap");
        LossyCapture.WriteLong(path, ConnectionLadder.MaxEvents + 50);
        (List<ConnectionRecord> records, _) = Analyse(path);
        using var source = new CaptureDetailSource([path]);

        // Act
        ConnectionLadder ladder = Load(source, Assert.Single(records));

        // Assert
        Assert.True(ladder.Truncated);
        Assert.Equal(ConnectionLadder.MaxEvents, ladder.Events.Count);
        Assert.Equal(Enumerable.Range(1, ConnectionLadder.MaxEvents).Select(i => (long)i), ladder.Events.Select(e => e.Frame));
    }

    private static void AssertLaddersAgree(string path, bool? expectRetransmissions)
    {
        // Arrange
        (List<ConnectionRecord> records, long frames) = Analyse(path);
        Dictionary<long, List<string[]>> oracle = TShark.Fields(path, s_fields, new TsharkOptions { DisplayFilter = "tcp" })
            .GroupBy(r => long.Parse(r[0], CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(oracle.Count, records.Count);
        using var source = new CaptureDetailSource([path]);
        int retransmissions = 0;

        foreach (ConnectionRecord record in records)
        {
            // Act
            ConnectionLadder ladder = Load(source, record);

            // Assert
            List<string[]> expected = oracle[record.Stream];
            string where = $"{Path.GetFileName(path)} stream {record.Stream}";
            Assert.False(ladder.Truncated, where);
            Assert.Equal(expected.Select(r => long.Parse(r[1], CultureInfo.InvariantCulture)), ladder.Events.Select(e => e.Frame));
            for (int i = 0; i < expected.Count; i++)
            {
                string[] t = expected[i];
                LadderEvent e = ladder.Events[i];
                string frame = $"{where} frame {e.Frame}";
                Assert.True(Convert.ToInt32(t[2], 16) == (int)e.Flags, $"{frame}: flags {t[2]} vs {e.Flags}");
                Assert.True(uint.Parse(t[3], CultureInfo.InvariantCulture) == e.RelativeSequence, $"{frame}: seq {t[3]} vs {e.RelativeSequence}");
                Assert.True(uint.Parse(t[4], CultureInfo.InvariantCulture) == e.RelativeAcknowledgment, $"{frame}: ack {t[4]} vs {e.RelativeAcknowledgment}");
                Assert.True(int.Parse(t[5], CultureInfo.InvariantCulture) == e.PayloadLength, $"{frame}: len {t[5]} vs {e.PayloadLength}");
                Assert.True(t[6].Length > 0 == e.Verdicts.IsRetransmission(), $"{frame}: retransmission '{t[6]}' vs {e.Verdicts}");
                Assert.True(t[7].Length > 0 == ((e.Verdicts & TcpAnalysisFlags.DuplicateAck) != 0), $"{frame}: duplicate ack '{t[7]}' vs {e.Verdicts}");
                Assert.True(t[8].Length > 0 == ((e.Verdicts & TcpAnalysisFlags.OutOfOrder) != 0), $"{frame}: out of order '{t[8]}' vs {e.Verdicts}");
                Assert.True(t[9].Length > 0 == ((e.Verdicts & TcpAnalysisFlags.LostSegment) != 0), $"{frame}: lost segment '{t[9]}' vs {e.Verdicts}");
                retransmissions += e.Verdicts.IsRetransmission() ? 1 : 0;
            }
        }

        Assert.True(frames > 0);
        if (expectRetransmissions is { } want)
        {
            Assert.Equal(want, retransmissions > 0);
        }
    }

    private static ConnectionLadder Load(CaptureDetailSource source, ConnectionRecord record)
    {
        ConnectionLadder? ladder = source.TryLoadLadder(Summary(record, 0), out string message);
        Assert.True(ladder is not null, $"stream {record.Stream}: {message}");
        Assert.True(message.Length == 0, message);
        return ladder;
    }

    private static ConnectionSummary Summary(ConnectionRecord record, int capture) => ConnectionSummaries.From(record, "all", "tool", capture);

    private static (List<ConnectionRecord> Records, long Frames) Analyse(string path)
    {
        var sink = new ListSink();
        var pipeline = new PacketPipeline(new CaptureAnalysisOptions(), sink);
        CaptureOpenStatus status = CaptureFileReader.TryOpen(path, out CaptureFileReader? reader, out string error);
        Assert.True(status == CaptureOpenStatus.Opened, error);
        using (reader)
        {
            while (reader!.ReadNext(out CaptureRecord record) == CaptureReadStatus.Packet)
            {
                pipeline.Process(record);
            }
        }

        pipeline.Flush();
        return ([.. sink.Records.OrderBy(r => r.Stream)], pipeline.Counts.Packets);
    }

    private sealed class ListSink : IConnectionSink
    {
        public List<ConnectionRecord> Records { get; } = [];

        public void OnConnection(ConnectionRecord record) => Records.Add(record);
    }

    /// <summary>A record of a one-SYN connection, for rows that only need a shape.</summary>
    private sealed class SegmentRecordStub
    {
        public SegmentRecordStub()
        {
            var sink = new ListSink();
            var tracker = new ConnectionTracker(new ConnectionTrackerOptions(), sink);
            var syn = new TcpSegmentHeader(
                LossyCapture.Client, 40000, LossyCapture.Server, 80, 1, 0, WireLens.Wire.Tcp.TcpFlags.Syn, 100, default, 0, new Timestamp(1), 1);
            tracker.Process(new TcpSegment(in syn, default));
            tracker.Flush();
            Record = sink.Records[0];
        }

        public ConnectionRecord Record { get; }
    }
}

/// <summary>Writes synthetic Ethernet/IPv4 captures with retransmissions, a lost segment, duplicate ACKs and a retried SYN.</summary>
internal static class LossyCapture
{
    public static readonly WireLens.Wire.Ip.IpAddress Client = WireLens.Wire.Ip.IpAddress.FromIPAddress(System.Net.IPAddress.Parse("10.0.0.1"));
    public static readonly WireLens.Wire.Ip.IpAddress Server = WireLens.Wire.Ip.IpAddress.FromIPAddress(System.Net.IPAddress.Parse("10.0.0.2"));

    private const byte Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10;
    private static readonly byte[] s_clientIp = [10, 0, 0, 1];
    private static readonly byte[] s_serverIp = [10, 0, 0, 2];

    public static void Write(string path)
    {
        byte[] request = Encoding.ASCII.GetBytes("GET /lossy HTTP/1.1\r\nHost: x\r\n\r\n");
        byte[] response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n" + new string('y', 40));
        uint c = 1000, s = 5000, l = (uint)request.Length, r = (uint)response.Length;
        using var file = File.Create(path);
        using var w = CaptureFileWriter.Create(file, LinkType.Ethernet, nanosecond: false);

        // Connection 1 (stream 0): request resent after an RTO, the response's second part arrives first (lost
        // segment, duplicate ACKs), then its first part (filling the gap), a FIN exchange with a resent FIN.
        Add(w, 0, true, 40000, c, 0, Syn, []);
        Add(w, 1, false, 40000, s, c + 1, Syn | Ack, []);
        Add(w, 2, true, 40000, c + 1, s + 1, Ack, []);
        Add(w, 3, true, 40000, c + 1, s + 1, Psh | Ack, request);
        Add(w, 300, true, 40000, c + 1, s + 1, Psh | Ack, request);
        Add(w, 301, false, 40000, s + 1, c + 1 + l, Ack, []);
        Add(w, 302, false, 40000, s + 1 + 30, c + 1 + l, Psh | Ack, response[30..]);
        Add(w, 303, true, 40000, c + 1 + l, s + 1, Ack, []);
        Add(w, 304, true, 40000, c + 1 + l, s + 1, Ack, []);
        Add(w, 500, false, 40000, s + 1, c + 1 + l, Ack, response[..30]);
        Add(w, 501, true, 40000, c + 1 + l, s + 1 + r, Ack, []);
        Add(w, 502, true, 40000, c + 1 + l, s + 1 + r, Fin | Ack, []);
        Add(w, 503, false, 40000, s + 1 + r, c + 2 + l, Fin | Ack, []);
        Add(w, 900, false, 40000, s + 1 + r, c + 2 + l, Fin | Ack, []);
        Add(w, 901, true, 40000, c + 2 + l, s + 2 + r, Ack, []);

        // Connection 2 (stream 1): the SYN is retried, then the client resets.
        Add(w, 1000, true, 40001, 7000, 0, Syn, []);
        Add(w, 2000, true, 40001, 7000, 0, Syn, []);
        Add(w, 2001, false, 40001, 9000, 7001, Syn | Ack, []);
        Add(w, 2002, true, 40001, 7001, 9001, Ack, []);
        Add(w, 2003, true, 40001, 7001, 9001, Psh | Ack, request);
        Add(w, 2004, false, 40001, 9001, 7001 + l, Psh | Ack, response);
        Add(w, 2005, true, 40001, 7001 + l, 0, Rst, []);
    }

    /// <summary>One connection of <paramref name="frames"/> frames: a handshake, then client data segments, each acknowledged by nothing.</summary>
    public static void WriteLong(string path, int frames)
    {
        using var file = File.Create(path);
        using var w = CaptureFileWriter.Create(file, LinkType.Ethernet, nanosecond: false);
        Add(w, 0, true, 40000, 1000, 0, Syn, []);
        Add(w, 1, false, 40000, 5000, 1001, Syn | Ack, []);
        Add(w, 2, true, 40000, 1001, 5001, Ack, []);
        byte[] data = new byte[10];
        for (int i = 3; i < frames; i++)
        {
            Add(w, 2 + (i * 0.01), true, 40000, (uint)(1001 + ((i - 3) * 10)), 5001, Psh | Ack, data);
        }
    }

    private static void Add(CaptureFileWriter w, double ms, bool fromClient, ushort clientPort, uint seq, uint ack, byte flags, byte[] payload)
    {
        // Ethernet II (zero MACs, IPv4) + IPv4 (no options) + TCP (no options) + payload.
        byte[] frame = new byte[14 + 20 + 20 + payload.Length];
        frame[12] = 0x08;
        Span<byte> ip = frame.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(40 + payload.Length));
        ip[8] = 64;
        ip[9] = 6;
        (fromClient ? s_clientIp : s_serverIp).CopyTo(ip[12..]);
        (fromClient ? s_serverIp : s_clientIp).CopyTo(ip[16..]);
        Span<byte> tcp = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, fromClient ? clientPort : (ushort)80);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], fromClient ? (ushort)80 : clientPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], ack);
        tcp[12] = 0x50;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 65535);
        payload.CopyTo(tcp[20..]);
        var time = new Timestamp(1_767_225_600_000_000_000 + (long)Math.Round(ms * 1_000_000));
        w.Write(time, frame, (uint)frame.Length);
    }
}
