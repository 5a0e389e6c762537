using System.Text;
using WireLens.Capture.Files;
using WireLens.Testing;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Fuzz;

/// <summary>Seed corpora taken from the project's captures (read once per test run) plus hand-made inputs.</summary>
internal static class FuzzSeeds
{
    /// <summary>Capture files are cut to this many bytes as seeds: enough for headers and a few records, cheap to mutate.</summary>
    public const int CaptureSeedBytes = 4096;

    private static readonly Lazy<Corpus> s_corpus = new(Load);

    /// <summary>Whole capture files (pcap, pcapng, gzip), each cut to <see cref="CaptureSeedBytes"/>.</summary>
    public static IReadOnlyList<byte[]> CaptureFiles => s_corpus.Value.Files;

    /// <summary>Captured frames by link type (up to 64 of each).</summary>
    public static IReadOnlyDictionary<LinkType, List<byte[]>> Frames => s_corpus.Value.Frames;

    /// <summary>TCP payloads that start with a TLS handshake record (ClientHello and ServerHello flights).</summary>
    public static IReadOnlyList<byte[]> TlsRecords => s_corpus.Value.Tls;

    /// <summary>Each direction of each captured HTTP connection, its payloads concatenated in capture order.</summary>
    public static IReadOnlyList<byte[]> HttpStreams => s_corpus.Value.Http;

    private static string[] CapturePaths() =>
    [
        .. Directory.GetFiles(TestPaths.Captures, "*.pcap").Order(StringComparer.Ordinal),
        Path.Combine(TestPaths.Captures, "mixed-linktypes.pcapng"),
        Path.Combine(TestPaths.Captures, "ab-keepalive-gzip.pcap.gz"),
        .. Directory.GetFiles(Path.Combine(TestPaths.Captures, "fingerprints"), "*.pcap").Order(StringComparer.Ordinal),
    ];

    private static Corpus Load()
    {
        var corpus = new Corpus();
        var flows = new Dictionary<string, MemoryStream>();
        foreach (string path in CapturePaths())
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (!path.Contains("fingerprints", StringComparison.Ordinal))
            {
                corpus.Files.Add(bytes[..Math.Min(bytes.Length, CaptureSeedBytes)]);
            }

            if (CaptureFileReader.TryOpen(path, out CaptureFileReader? reader, out _) != CaptureOpenStatus.Opened || reader is null)
            {
                continue;
            }

            using (reader)
            {
                while (reader.ReadNext(out CaptureRecord record) == CaptureReadStatus.Packet)
                {
                    AddFrame(corpus, record.LinkType, record.Data);
                    if (PacketDecoder.Decode(record.LinkType, record.Data, out TcpPacketView p) != DecodeStatus.Tcp || p.Payload.IsEmpty)
                    {
                        continue;
                    }

                    if (p.Payload[0] == 0x16)
                    {
                        corpus.Tls.Add(p.Payload.ToArray());
                    }

                    string key = $"{path}|{p.Source}|{p.SourcePort}|{p.Destination}|{p.DestinationPort}";
                    if (!flows.TryGetValue(key, out MemoryStream? flow))
                    {
                        flows[key] = flow = new MemoryStream();
                    }

                    flow.Write(p.Payload);
                }
            }
        }

        AddDerivedLinkTypes(corpus);
        foreach (MemoryStream flow in flows.Values)
        {
            byte[] stream = flow.ToArray();
            if (LooksLikeHttp(stream))
            {
                corpus.Http.Add(stream[..Math.Min(stream.Length, 8192)]);
            }
        }

        corpus.Http.AddRange(HandMadeHttp.Select(Encoding.Latin1.GetBytes));
        return corpus;
    }

    private static void AddFrame(Corpus corpus, LinkType linkType, ReadOnlySpan<byte> frame)
    {
        if (!corpus.Frames.TryGetValue(linkType, out List<byte[]>? frames))
        {
            corpus.Frames[linkType] = frames = [];
        }

        if (frames.Count < 64)
        {
            frames.Add(frame.ToArray());
        }
    }

    // The captures hold Ethernet and Linux cooked (SLL2) frames only: the IP packets inside the Ethernet ones are
    // re-framed as BSD Null/Loop, LINKTYPE_RAW/IPV4/IPV6 and Linux cooked v1 frames.
    private static void AddDerivedLinkTypes(Corpus corpus)
    {
        foreach (byte[] ethernet in corpus.Frames[LinkType.Ethernet].ToArray())
        {
            if (ethernet.Length <= 14)
            {
                continue;
            }

            byte[] ip = ethernet[14..];
            bool v6 = ethernet[12] == 0x86 && ethernet[13] == 0xDD;
            AddFrame(corpus, LinkType.Raw, ip);
            AddFrame(corpus, v6 ? LinkType.Ipv6 : LinkType.Ipv4, ip);
            byte family = (byte)(v6 ? 30 : 2);
            AddFrame(corpus, LinkType.Null, [family, 0, 0, 0, .. ip]);
            AddFrame(corpus, LinkType.Loop, [0, 0, 0, family, .. ip]);
            AddFrame(corpus, LinkType.LinuxSll, [0, 0, 3, 4, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, ethernet[12], ethernet[13], .. ip]);
        }
    }

    private static bool LooksLikeHttp(byte[] stream) =>
        stream.AsSpan().StartsWith("GET "u8) || stream.AsSpan().StartsWith("POST "u8) || stream.AsSpan().StartsWith("HTTP/1."u8)
        || stream.AsSpan().StartsWith("PRI * HTTP/2.0"u8);

    private static readonly string[] HandMadeHttp =
    [
        "GET / HTTP/1.1\r\nHost: a\r\nUser-Agent: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
        "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloGET / HTTP/1.0\r\n\r\n",
        "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP/1.1 204 No Content\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffff\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n",
        "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\0\x04\0\0\0\0\0\0\0\x05\x01\x05\0\0\0\x01\x82\x86\x84\x41\x01\x61",
    ];

    private sealed class Corpus
    {
        public List<byte[]> Files { get; } = [];

        public Dictionary<LinkType, List<byte[]>> Frames { get; } = [];

        public List<byte[]> Tls { get; } = [];

        public List<byte[]> Http { get; } = [];
    }
}
