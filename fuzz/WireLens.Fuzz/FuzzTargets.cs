using System.Buffers.Binary;
using WireLens.Analysis.Connections;
using WireLens.Analysis.Http;
using WireLens.Analysis.Tls;
using WireLens.Capture.Files;
using WireLens.Wire;
using WireLens.Wire.Ip;
using WireLens.Wire.Link;
using WireLens.Wire.Tcp;
using WireLens.Wire.Tls;

namespace WireLens.Fuzz;

/// <summary>
/// The fuzz targets, one per decoder family, each taking the raw input afl-fuzz hands over. The same targets run as
/// deterministic smoke tests in tests/WireLens.UnitTests/Fuzz; these are for long, coverage-guided campaigns.
/// </summary>
internal static class FuzzTargets
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["capture"] = Capture,
        ["decoder"] = Decoder,
        ["tls"] = Tls,
        ["http"] = Http,
        ["tcp"] = Tcp,
    };

    private static readonly LinkType[] s_linkTypes = Enum.GetValues<LinkType>();

    /// <summary>The input is a capture file: open it and read every record.</summary>
    private static void Capture(byte[] input)
    {
        using var stream = new MemoryStream(input, writable: false);
        if (CaptureFileReader.TryOpen(stream, "fuzz", out CaptureFileReader? reader, out _) != CaptureOpenStatus.Opened || reader is null)
        {
            return;
        }

        using (reader)
        {
            for (long records = 0; reader.ReadNext(out CaptureRecord record) == CaptureReadStatus.Packet; records++)
            {
                if (records > 1_000_000)
                {
                    throw new InvalidOperationException("the reader does not advance");
                }

                _ = PacketDecoder.Decode(record.LinkType, record.Data, out _);
            }
        }
    }

    /// <summary>The first byte picks the link type, the rest is the frame.</summary>
    private static void Decoder(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        ReadOnlySpan<byte> frame = input.AsSpan(1);
        if (PacketDecoder.Decode(s_linkTypes[input[0] % s_linkTypes.Length], frame, out TcpPacketView p) == DecodeStatus.Tcp
            && (p.Payload.Length > frame.Length || p.Payload.Length > p.PayloadLength || p.PayloadLength < 0))
        {
            throw new InvalidOperationException($"payload {p.Payload.Length} of {p.PayloadLength} in a {frame.Length}-byte frame");
        }
    }

    /// <summary>The input is a TLS byte stream (one side): records, handshake messages, hellos, and the analyzer.</summary>
    private static void Tls(byte[] input)
    {
        var assembler = new TlsHandshakeAssembler();
        ReadOnlySpan<byte> rest = input;
        while (TlsRecordReader.TryReadRecord(rest, out TlsRecordHeader header, out ReadOnlySpan<byte> fragment, out int consumed, out _) == TlsParseStatus.Done)
        {
            rest = rest[consumed..];
            if (header.ContentType != TlsContentType.Handshake)
            {
                continue;
            }

            assembler.AddRecordPayload(fragment);
            while (assembler.TryReadMessage(out TlsHandshakeType type, out ReadOnlySpan<byte> body, out _) == TlsParseStatus.Done)
            {
                if (type == TlsHandshakeType.ClientHello
                    && TlsHelloParser.TryParseClientHello(body, out ClientHelloInfo? hello, out _) == TlsParseStatus.Done)
                {
                    var fingerprint = WireLens.Wire.Tls.Fingerprints.ClientHelloFingerprintInput.FromClientHello(hello!);
                    _ = WireLens.Wire.Tls.Fingerprints.Ja3.Compute(fingerprint);
                    _ = WireLens.Wire.Tls.Fingerprints.Ja4.Compute(fingerprint);
                }
                else if (type == TlsHandshakeType.ServerHello)
                {
                    _ = TlsHelloParser.TryParseServerHello(body, out _, out _);
                }
            }
        }

        var analyzer = new TlsConnectionAnalyzer();
        var time = new Timestamp(1_700_000_000_000_000_000);
        analyzer.OnClientData(input, time);
        analyzer.OnServerData(input, time);
    }

    /// <summary>The input is an HTTP/1.x or h2c byte stream, fed as both sides in pieces of 1 to 64 bytes.</summary>
    private static void Http(byte[] input)
    {
        var analyzer = new HttpConnectionAnalyzer();
        int piece = input.Length == 0 ? 1 : (input[^1] % 64) + 1;
        for (int at = 0; at < input.Length; at += piece)
        {
            ReadOnlySpan<byte> data = input.AsSpan(at, Math.Min(piece, input.Length - at));
            analyzer.OnClientData(data);
            analyzer.OnServerData(data);
        }

        if (analyzer.Requests < 0)
        {
            throw new InvalidOperationException($"requests {analyzer.Requests}");
        }
    }

    /// <summary>
    /// The input is a list of 24-byte segment records (tuple, direction, flags, seq, ack, window, payload length,
    /// captured length, time delta) for the connection tracker; checks the release invariants after Flush.
    /// </summary>
    private static void Tcp(byte[] input)
    {
        IpAddress a = IpAddress.FromIPv4([10, 0, 0, 1]);
        IpAddress b = IpAddress.FromIPv4([10, 0, 0, 2]);
        var sink = new RecordingSink();
        var tracker = new ConnectionTracker(new ConnectionTrackerOptions { IdleTimeout = TimeSpan.FromSeconds(1), MaxBufferedBytesPerDirection = 4096 }, sink);
        byte[] payload = new byte[2048];
        long time = 1_700_000_000_000_000_000;
        long frame = 0;
        for (int at = 0; at + 24 <= input.Length; at += 24)
        {
            ReadOnlySpan<byte> r = input.AsSpan(at, 24);
            bool fromClient = (r[0] & 0x80) == 0;
            ushort clientPort = (ushort)(50000 + (r[0] & 3));
            int payloadLength = BinaryPrimitives.ReadInt32BigEndian(r[14..]) & 0xFFFFF;
            int captured = Math.Min(Math.Min(payloadLength, BinaryPrimitives.ReadUInt16BigEndian(r[18..])), payload.Length);
            time += BinaryPrimitives.ReadInt16BigEndian(r[20..]) * 1_000_000L;
            input.AsSpan(0, Math.Min(captured, input.Length)).CopyTo(payload);
            var header = new TcpSegmentHeader(
                fromClient ? a : b, fromClient ? clientPort : (ushort)80, fromClient ? b : a, fromClient ? (ushort)80 : clientPort,
                BinaryPrimitives.ReadUInt32BigEndian(r[2..]), BinaryPrimitives.ReadUInt32BigEndian(r[6..]), (TcpFlags)r[1],
                BinaryPrimitives.ReadUInt16BigEndian(r[10..]), TcpOptions.Parse(r[22..]), payloadLength, new Timestamp(time), ++frame);
            tracker.Process(new TcpSegment(in header, payload.AsSpan(0, captured)));
        }

        tracker.Flush();
        long streams = tracker.Statistics.Streams;
        if (sink.Records.Count != streams
            || !sink.Records.Select(r => r.Stream).Order().SequenceEqual(Enumerable.Range(0, (int)streams).Select(i => (long)i))
            || sink.Records.Any(r => r.FirstFrame > r.LastFrame))
        {
            throw new InvalidOperationException($"{sink.Records.Count} records for {streams} streams, or a stream released twice, or FirstFrame > LastFrame");
        }
    }

    private sealed class RecordingSink : IConnectionSink
    {
        public List<ConnectionRecord> Records { get; } = [];

        public void OnConnection(ConnectionRecord record) => Records.Add(record);
    }
}
